package io.panopticon.query.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.panopticon.common.histogram.LatencyHistogram;
import io.panopticon.common.histogram.Saturating;

/**
 * The request figures of one group (a service, an endpoint, a point of a time series, an
 * edge) over a range: counts, the sum of durations and the latency histogram, summed over
 * raw spans and rollups alike. Everything here adds up exactly, so a range assembled from
 * hourly rollups, minute rollups and raw spans gives the figures a pure-raw computation
 * gives; percentiles are read from the merged histogram, never averaged. Sums past
 * {@link Long#MAX_VALUE} saturate there rather than fail the request.
 * <p>
 * Mutable, not thread-safe: built by one request.
 */
public final class Figures {

	private long requests;

	private long errors;

	private long durationSumMicros;

	private final LatencyHistogram latency = new LatencyHistogram();

	/**
	 * Adds counts of raw spans or rollups.
	 * @param requests requests (or calls, for an edge)
	 * @param errors the errors among them
	 * @param durationSumMicros the sum of their durations
	 * @param buckets latency bucket indices, parallel to {@code counts}
	 * @param counts the number of latencies in each bucket
	 * @return this
	 */
	public Figures add(long requests, long errors, long durationSumMicros, int[] buckets, long[] counts) {
		return add(requests, errors, durationSumMicros, LatencyHistogram.of(buckets, counts));
	}

	/**
	 * Adds counts of a rollup.
	 * @param requests requests (or calls, for an edge)
	 * @param errors the errors among them
	 * @param durationSumMicros the sum of their durations
	 * @param latency their latency histogram; not changed
	 * @return this
	 */
	public Figures add(long requests, long errors, long durationSumMicros, LatencyHistogram latency) {
		this.requests = Saturating.add(this.requests, requests);
		this.errors = Saturating.add(this.errors, errors);
		this.durationSumMicros = Saturating.add(this.durationSumMicros, durationSumMicros);
		this.latency.merge(latency);
		return this;
	}

	/**
	 * Adds another group's figures to this one.
	 * @param other the figures to add; not changed
	 * @return this
	 */
	public Figures merge(Figures other) {
		this.requests = Saturating.add(this.requests, other.requests);
		this.errors = Saturating.add(this.errors, other.errors);
		this.durationSumMicros = Saturating.add(this.durationSumMicros, other.durationSumMicros);
		this.latency.merge(other.latency);
		return this;
	}

	/**
	 * Adds one span (the raw side of the service map counts span by span).
	 * @param error whether it is an error
	 * @param durationMicros its duration
	 * @param latencyBucket its latency bucket
	 * @return this
	 */
	public Figures addSpan(boolean error, long durationMicros, int latencyBucket) {
		return add(1, error ? 1 : 0, durationMicros, new int[] { latencyBucket }, new long[] { 1 });
	}

	public long requests() {
		return this.requests;
	}

	public long errors() {
		return this.errors;
	}

	public long durationSumMicros() {
		return this.durationSumMicros;
	}

	/**
	 * Returns a copy of the merged latency histogram.
	 * @return the histogram
	 */
	public LatencyHistogram latency() {
		return this.latency.copy();
	}

	/**
	 * Returns the share of errors as a percentage.
	 * @return 0 to 100, rounded to 3 decimals; 0 without requests
	 */
	public double errorRate() {
		if (this.requests == 0) {
			return 0;
		}
		return round(100.0 * this.errors / this.requests, 3);
	}

	/**
	 * Returns the mean duration in milliseconds.
	 * @return the mean, rounded to microseconds; {@code null} without requests
	 */
	public Double avgLatencyMillis() {
		if (this.requests == 0) {
			return null;
		}
		return round(this.durationSumMicros / 1000.0 / this.requests, 3);
	}

	/**
	 * Returns a latency percentile in milliseconds, read from the merged histogram
	 * (nearest rank, within 1 % of the exact value, see {@link LatencyHistogram}).
	 * @param p the percentile, 0 to 100
	 * @return the percentile, rounded to microseconds; {@code null} when nothing was
	 * counted
	 */
	public Double percentileMillis(double p) {
		if (this.latency.isEmpty()) {
			return null;
		}
		return round(this.latency.percentile(p) / 1000.0, 3);
	}

	static double round(double value, int decimals) {
		return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
	}

	@Override
	public String toString() {
		return "Figures[requests=" + this.requests + ", errors=" + this.errors + ", durationSumMicros="
				+ this.durationSumMicros + ", latency=" + this.latency + "]";
	}

}
