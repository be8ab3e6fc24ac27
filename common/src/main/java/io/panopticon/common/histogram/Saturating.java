package io.panopticon.common.histogram;

/**
 * Addition of counts and sums of durations that stops at the ends of {@code long} instead
 * of wrapping around. Durations are bounded when spans are ingested, but stored data from
 * before a bound, or a very long window, could still add up past {@link Long#MAX_VALUE}:
 * a sum that saturates stays the largest figure there is, where a wrapped one would turn
 * negative and an exact addition would fail the whole roll-up or request.
 */
public final class Saturating {

	private Saturating() {
	}

	/**
	 * Returns {@code a + b}, or {@link Long#MAX_VALUE} (or {@link Long#MIN_VALUE}) if the
	 * sum does not fit.
	 * @param a a summand
	 * @param b another
	 * @return the saturated sum
	 */
	public static long add(long a, long b) {
		long sum = a + b;
		// Overflow happened if both summands have the sign the sum lacks.
		if (((a ^ sum) & (b ^ sum)) < 0) {
			return (a < 0) ? Long.MIN_VALUE : Long.MAX_VALUE;
		}
		return sum;
	}

}
