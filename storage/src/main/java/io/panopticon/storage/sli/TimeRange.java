package io.panopticon.storage.sli;

/**
 * A half-open span of time {@code [fromMillis, toMillis)} in epoch milliseconds.
 *
 * @param fromMillis the inclusive start
 * @param toMillis the exclusive end, after the start
 */
public record TimeRange(long fromMillis, long toMillis) {

	/** One minute in milliseconds, the resolution of minute rollups. */
	public static final long MINUTE = 60_000L;

	/** One hour in milliseconds. */
	public static final long HOUR = 3_600_000L;

	public TimeRange {
		if (toMillis <= fromMillis) {
			throw new IllegalArgumentException("empty range [" + fromMillis + ", " + toMillis + ")");
		}
	}

	/**
	 * Returns the length.
	 * @return milliseconds
	 */
	public long lengthMillis() {
		return this.toMillis - this.fromMillis;
	}

	/**
	 * Returns the part of this range that lies in {@code [from, to)}.
	 * @param from the start of the other span
	 * @param to its end
	 * @return the overlap, or {@code null} when there is none
	 */
	public TimeRange intersect(long from, long to) {
		long start = Math.max(this.fromMillis, from);
		long end = Math.min(this.toMillis, to);
		return (start < end) ? new TimeRange(start, end) : null;
	}

}
