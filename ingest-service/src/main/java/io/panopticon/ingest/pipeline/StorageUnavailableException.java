package io.panopticon.ingest.pipeline;

/**
 * Elasticsearch could not take a batch now (unreachable, overloaded, timing out). The
 * batch is not committed; the listener container pauses and retries it, so nothing is
 * lost and memory stays bounded.
 */
class StorageUnavailableException extends RuntimeException {

	StorageUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
