package io.panopticon.aggregator.rollup;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

import io.panopticon.common.histogram.Saturating;
import io.panopticon.storage.RollupDocument;

/**
 * The figures of one key in one bucket while they are added up: request (or call) and
 * error counts, the smallest, largest and summed duration, and the latency histogram as
 * counts per bucket index of {@code LatencyHistogram} (the span documents'
 * {@code latencyBucket}). Counts are exact: everything is integral, and
 * {@link #merge(Rollup)} of two rollups is the rollup of both sets of spans, up to sums
 * past {@link Long#MAX_VALUE}, which saturate there.
 * <p>
 * Mutable and not thread-safe.
 */
public final class Rollup {

	private final Resolution resolution;

	private final Instant bucket;

	private final RollupKey key;

	private String httpMethod;

	private long requests;

	private long errors;

	private long durationMin = Long.MAX_VALUE;

	private long durationMax = Long.MIN_VALUE;

	private long durationSum;

	private final NavigableMap<Integer, Long> latency = new TreeMap<>();

	/**
	 * Creates an empty rollup.
	 * @param resolution the bucket width
	 * @param bucket the bucket start
	 * @param key what is counted
	 */
	public Rollup(Resolution resolution, Instant bucket, RollupKey key) {
		this.resolution = Objects.requireNonNull(resolution, "resolution");
		this.bucket = Objects.requireNonNull(bucket, "bucket");
		this.key = Objects.requireNonNull(key, "key");
	}

	/**
	 * Adds one span.
	 * @param durationMicros its duration
	 * @param latencyBucket its latency bucket
	 * @param error whether it is an error
	 */
	public void add(long durationMicros, int latencyBucket, boolean error) {
		add(1, error ? 1 : 0, durationMicros, durationMicros, durationMicros, Map.of(latencyBucket, 1L));
	}

	/**
	 * Adds a group of spans described by their figures.
	 * @param count how many spans, at least 1
	 * @param errorCount how many of them are errors
	 * @param min their smallest duration
	 * @param max their largest duration
	 * @param sum their summed duration
	 * @param histogram their count per latency bucket
	 */
	public void add(long count, long errorCount, long min, long max, long sum, Map<Integer, Long> histogram) {
		if (count < 1 || errorCount < 0 || errorCount > count) {
			throw new IllegalArgumentException("count " + count + " and errors " + errorCount + " do not fit");
		}
		// Saturating: a sum past Long.MAX_VALUE (spans stored before durations were
		// bounded) stays the largest figure, and never fails the pass.
		this.requests = Saturating.add(this.requests, count);
		this.errors = Saturating.add(this.errors, errorCount);
		this.durationMin = Math.min(this.durationMin, min);
		this.durationMax = Math.max(this.durationMax, max);
		this.durationSum = Saturating.add(this.durationSum, sum);
		histogram.forEach((bucketIndex, bucketCount) -> this.latency.merge(bucketIndex, bucketCount, Saturating::add));
	}

	/**
	 * Adds everything another rollup counted.
	 * @param other the other rollup; not changed
	 */
	public void merge(Rollup other) {
		if (other.requests > 0) {
			add(other.requests, other.errors, other.durationMin, other.durationMax, other.durationSum, other.latency);
		}
		if (this.httpMethod == null) {
			this.httpMethod = other.httpMethod;
		}
	}

	public Resolution resolution() {
		return this.resolution;
	}

	public Instant bucket() {
		return this.bucket;
	}

	public RollupKey key() {
		return this.key;
	}

	/**
	 * Returns the HTTP method of an endpoint's spans.
	 * @return the method, or {@code null} when the spans had none
	 */
	public String httpMethod() {
		return this.httpMethod;
	}

	/**
	 * Sets the HTTP method of an endpoint's spans.
	 * @param httpMethod the method, or {@code null}
	 */
	public void httpMethod(String httpMethod) {
		this.httpMethod = httpMethod;
	}

	public long requests() {
		return this.requests;
	}

	public long errors() {
		return this.errors;
	}

	/**
	 * Returns the smallest duration.
	 * @return microseconds; meaningless while {@link #requests()} is 0
	 */
	public long durationMin() {
		return this.durationMin;
	}

	/**
	 * Returns the largest duration.
	 * @return microseconds; meaningless while {@link #requests()} is 0
	 */
	public long durationMax() {
		return this.durationMax;
	}

	public long durationSum() {
		return this.durationSum;
	}

	/**
	 * Returns the latency histogram.
	 * @return count per latency bucket index, ascending; unmodifiable
	 */
	public NavigableMap<Integer, Long> latency() {
		return Collections.unmodifiableNavigableMap(this.latency);
	}

	/**
	 * Returns the stored form of the rollup. Only an endpoint rollup keeps the HTTP
	 * method.
	 * @return the document content
	 * @throws IllegalArgumentException if nothing was counted: an empty rollup is never
	 * written
	 */
	public RollupDocument document() {
		String method = (this.key.kind() == RollupKind.ENDPOINT) ? this.httpMethod : null;
		return new RollupDocument(this.resolution.label(), this.bucket, this.key.kind().label(), this.key.serviceName(),
				this.key.environment(), this.key.endpoint(), method, this.key.callee(), this.requests, this.errors,
				this.durationMin, this.durationMax, this.durationSum, latency());
	}

	@Override
	public String toString() {
		return "Rollup[" + this.resolution.label() + " " + this.bucket + " " + this.key + ", requests=" + this.requests
				+ ", errors=" + this.errors + "]";
	}

}
