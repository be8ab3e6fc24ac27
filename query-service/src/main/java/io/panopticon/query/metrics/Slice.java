package io.panopticon.query.metrics;

/**
 * A half-open span of time {@code [fromMillis, toMillis)} in epoch milliseconds.
 *
 * @param fromMillis the inclusive start
 * @param toMillis the exclusive end, after the start
 */
public record Slice(long fromMillis, long toMillis) {

	public Slice {
		if (toMillis <= fromMillis) {
			throw new IllegalArgumentException("empty slice [" + fromMillis + ", " + toMillis + ")");
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
	 * Returns the part of this slice that lies in {@code [from, to)}.
	 * @param from the start of the other span
	 * @param to its end
	 * @return the overlap, or {@code null} when there is none
	 */
	Slice intersect(long from, long to) {
		long start = Math.max(this.fromMillis, from);
		long end = Math.min(this.toMillis, to);
		return (start < end) ? new Slice(start, end) : null;
	}

}
