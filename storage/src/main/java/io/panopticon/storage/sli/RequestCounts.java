package io.panopticon.storage.sli;

/**
 * The requests of a service (or endpoint) in some span of time: how many there were, how
 * many failed, and how many were fast (in a latency bucket at or below the selector's).
 *
 * @param requests request spans (SERVER and CONSUMER)
 * @param errors of those, the errors
 * @param fast of those, the ones at or below the latency bucket asked for (0 when none
 * was)
 */
public record RequestCounts(long requests, long errors, long fast) {

	/** No request at all. */
	public static final RequestCounts NONE = new RequestCounts(0, 0, 0);

	/**
	 * Adds two counts.
	 * @param other the other counts
	 * @return the sum
	 */
	public RequestCounts plus(RequestCounts other) {
		return new RequestCounts(this.requests + other.requests, this.errors + other.errors, this.fast + other.fast);
	}

}
