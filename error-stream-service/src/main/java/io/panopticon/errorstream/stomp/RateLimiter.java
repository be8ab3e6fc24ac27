package io.panopticon.errorstream.stomp;

/**
 * A token bucket: up to {@code perSecond} events pass in any one-second burst, and on
 * average {@code perSecond} per second. Not thread-safe; its owner synchronises.
 */
final class RateLimiter {

	private static final long SECOND = 1_000_000_000L;

	private final double perNano;

	private final double capacity;

	private double tokens;

	private long refilledAt;

	/**
	 * @param perSecond the rate and the burst, at least 1
	 * @param nowNanos the current {@link System#nanoTime()}
	 */
	RateLimiter(int perSecond, long nowNanos) {
		if (perSecond < 1) {
			throw new IllegalArgumentException("perSecond must be at least 1");
		}
		this.perNano = (double) perSecond / SECOND;
		this.capacity = perSecond;
		this.tokens = perSecond;
		this.refilledAt = nowNanos;
	}

	/**
	 * Takes one token if there is one.
	 * @param nowNanos the current {@link System#nanoTime()}
	 * @return whether the event may pass
	 */
	boolean tryAcquire(long nowNanos) {
		long elapsed = nowNanos - this.refilledAt;
		if (elapsed > 0) {
			this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.perNano);
			this.refilledAt = nowNanos;
		}
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return true;
		}
		return false;
	}

}
