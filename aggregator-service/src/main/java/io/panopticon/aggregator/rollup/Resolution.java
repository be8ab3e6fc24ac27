package io.panopticon.aggregator.rollup;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.panopticon.storage.IndexFamily;

/**
 * The two rollup resolutions: one-minute buckets, rolled up from raw spans, and one-hour
 * buckets, merged from the minute ones.
 */
public enum Resolution {

	/** One-minute buckets in the daily {@code metrics-apm-1m-*} indices. */
	MINUTE("1m", Duration.ofMinutes(1), IndexFamily.METRICS_1M),

	/** One-hour buckets in the monthly {@code metrics-apm-1h-*} indices. */
	HOUR("1h", Duration.ofHours(1), IndexFamily.METRICS_1H);

	private final String label;

	private final Duration width;

	private final IndexFamily family;

	Resolution(String label, Duration width, IndexFamily family) {
		this.label = label;
		this.width = width;
		this.family = family;
	}

	/**
	 * Returns the value of the documents' {@code resolution} field.
	 * @return {@code 1m} or {@code 1h}
	 */
	public String label() {
		return this.label;
	}

	/**
	 * Returns the bucket width.
	 * @return one minute or one hour
	 */
	public Duration width() {
		return this.width;
	}

	/**
	 * Returns the index family the documents go to.
	 * @return the family
	 */
	public IndexFamily family() {
		return this.family;
	}

	/**
	 * Returns the start of the bucket an instant falls in (UTC).
	 * @param instant the instant
	 * @return the bucket start
	 */
	public Instant floor(Instant instant) {
		return instant.truncatedTo((this == MINUTE) ? ChronoUnit.MINUTES : ChronoUnit.HOURS);
	}

	/**
	 * Returns the index a bucket's documents go to.
	 * @param bucketStart the bucket start
	 * @return the index name, for example {@code metrics-apm-1m-2026.11.22}
	 */
	public String indexFor(Instant bucketStart) {
		return this.family.indexFor(bucketStart);
	}

}
