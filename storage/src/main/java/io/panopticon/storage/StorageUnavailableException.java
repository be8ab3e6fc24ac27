package io.panopticon.storage;

/**
 * The search cluster could not take a request now: it did not answer, answered something
 * unreadable, or was overloaded or failing (429 or 5xx). Worth retrying later; HTTP
 * services answer it with 503, the ingest pipeline keeps its batch uncommitted.
 */
public class StorageUnavailableException extends StorageException {

	/**
	 * Creates the exception for a request that got no usable answer.
	 * @param message what happened, with the call
	 * @param cause the failure, or {@code null}
	 */
	public StorageUnavailableException(String message, Throwable cause) {
		super(0, "unreachable", message, cause);
	}

	/**
	 * Creates the exception for an answer that says the cluster cannot take requests now.
	 * @param status the HTTP status
	 * @param type the error type
	 * @param message what happened, with the call
	 */
	public StorageUnavailableException(int status, String type, String message) {
		super(status, type, message, null);
	}

}
