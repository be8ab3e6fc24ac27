package io.panopticon.ingest.receiver;

/**
 * Kafka did not acknowledge every record of a request in time: the request must be
 * answered with "unavailable, retry later", never with success.
 */
public class PublishFailedException extends RuntimeException {

	public PublishFailedException(String message, Throwable cause) {
		super(message, cause);
	}

}
