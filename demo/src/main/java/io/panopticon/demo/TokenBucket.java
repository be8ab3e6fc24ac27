package io.panopticon.demo;

import java.util.function.LongSupplier;

/**
 * Paces a sender to a steady rate. Permits accrue continuously up to a burst capacity;
 * {@link #acquire(int)} takes what it asks for and, when that leaves the bucket in debt,
 * sleeps until the debt is paid. A request larger than the capacity is therefore allowed
 * and simply waits longer, which suits batches of varying size such as traces. Not
 * thread-safe.
 */
final class TokenBucket {

	private final double permitsPerNano;

	private final double capacity;

	private final LongSupplier nanoTime;

	private final Sleeper sleeper;

	private double permits;

	private long last;

	/**
	 * Creates a bucket that starts full.
	 * @param permitsPerSecond the sustained rate
	 * @param capacity the most permits that can accrue while nobody asks
	 * @param nanoTime a monotonic clock in nanoseconds, such as {@code System::nanoTime}
	 * @param sleeper how to wait
	 */
	TokenBucket(double permitsPerSecond, double capacity, LongSupplier nanoTime, Sleeper sleeper) {
		if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
			throw new IllegalArgumentException("permitsPerSecond must be positive: " + permitsPerSecond);
		}
		this.permitsPerNano = permitsPerSecond / 1e9;
		this.capacity = capacity;
		this.nanoTime = nanoTime;
		this.sleeper = sleeper;
		this.permits = capacity;
		this.last = nanoTime.getAsLong();
	}

	/**
	 * Takes permits, sleeping as long as the rate requires.
	 * @param count how many
	 * @throws InterruptedException if the thread is interrupted while it sleeps
	 */
	void acquire(int count) throws InterruptedException {
		refill();
		this.permits -= count;
		if (this.permits < 0) {
			this.sleeper.sleep((long) Math.ceil(-this.permits / this.permitsPerNano));
			refill();
		}
	}

	private void refill() {
		long now = this.nanoTime.getAsLong();
		this.permits = Math.min(this.capacity, this.permits + (now - this.last) * this.permitsPerNano);
		this.last = now;
	}

	/** Waits for a number of nanoseconds. */
	@FunctionalInterface
	interface Sleeper {

		void sleep(long nanos) throws InterruptedException;

	}

}
