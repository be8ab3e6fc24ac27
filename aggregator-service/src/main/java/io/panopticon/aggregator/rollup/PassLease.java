package io.panopticon.aggregator.rollup;

/**
 * Lets one instance at a time run a pass. Held by one pass of this instance at a time.
 */
public interface PassLease {

	/** A lease that is always granted, for a single instance. */
	PassLease NONE = new PassLease() {

		@Override
		public boolean acquire() {
			return true;
		}

		@Override
		public void renew() {
		}

		@Override
		public void release() {
		}

	};

	/**
	 * Takes the lease unless another instance holds it.
	 * @return whether this instance holds it now
	 */
	boolean acquire();

	/**
	 * Extends the lease this instance holds.
	 * @throws LeaseLostException if it expired and maybe went to another instance
	 */
	void renew();

	/**
	 * Gives the lease up, if this instance still holds it.
	 */
	void release();

	/**
	 * The lease expired while a pass ran (the pass stalled longer than its time to live),
	 * so another instance may have started one: the pass stops.
	 */
	class LeaseLostException extends RuntimeException {

		public LeaseLostException(String message) {
			super(message);
		}

	}

}
