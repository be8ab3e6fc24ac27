package io.panopticon.storage;

/**
 * The search cluster refused a request: the request was wrong, which is the caller's
 * fault and no retry will help. {@link #type()} is the error type the cluster named, for
 * example {@code too_many_buckets_exception}.
 * <p>
 * Its subclass {@link StorageUnavailableException} is the transient kind.
 */
public class StorageException extends RuntimeException {

	private final int status;

	private final String type;

	/**
	 * Creates the exception.
	 * @param status the HTTP status of the answer, or 0 when there was none
	 * @param type the error type, or {@code http_<status>} when the answer named none
	 * @param message what happened, with the call
	 * @param cause the failure, or {@code null}
	 */
	public StorageException(int status, String type, String message, Throwable cause) {
		super(message, cause);
		this.status = status;
		this.type = type;
	}

	/**
	 * Returns the HTTP status of the answer.
	 * @return the status, or 0 when the cluster did not answer
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Returns the error type the cluster named.
	 * @return the type, {@code http_<status>} when the answer named none, or
	 * {@code unreachable}
	 */
	public String type() {
		return this.type;
	}

	/**
	 * Returns whether the request would have created more aggregation buckets than the
	 * cluster allows; smaller requests may then succeed.
	 * @return whether the cluster said {@code too_many_buckets_exception}
	 */
	public boolean isTooManyBuckets() {
		return "too_many_buckets_exception".equals(this.type) || getMessage().contains("too_many_buckets_exception");
	}

}
