package io.panopticon.testing;

import java.util.concurrent.Callable;

/**
 * A value computed at most once, on first use, by whichever thread asks first; a failure
 * is remembered so that later callers fail fast instead of starting again.
 *
 * @param <T> the value type
 */
final class Once<T> {

	private final String name;

	private final Callable<T> factory;

	private T value;

	private RuntimeException failure;

	/**
	 * Create a holder.
	 * @param name what the value is, for messages
	 * @param factory computes the value; may block
	 */
	Once(String name, Callable<T> factory) {
		this.name = name;
		this.factory = factory;
	}

	/**
	 * The value, computing it on the first call.
	 * @return the value
	 * @throws IllegalStateException when computing it failed, now or on an earlier call
	 */
	synchronized T get() {
		if (this.value != null) {
			return this.value;
		}
		if (this.failure != null) {
			throw new IllegalStateException(
					this.name + " failed to start earlier in this JVM: " + this.failure.getMessage(), this.failure);
		}
		try {
			this.value = this.factory.call();
			return this.value;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting " + this.name, ex);
		}
		catch (RuntimeException ex) {
			this.failure = ex;
			throw ex;
		}
		catch (Exception ex) {
			this.failure = new IllegalStateException("Could not start " + this.name + ": " + ex, ex);
			throw this.failure;
		}
	}

}
