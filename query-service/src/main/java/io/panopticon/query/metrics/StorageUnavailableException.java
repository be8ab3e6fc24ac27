package io.panopticon.query.metrics;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Elasticsearch could not answer. The shared problem-details advice renders it as a 503
 * problem, since the request may well succeed once the store is back.
 */
public class StorageUnavailableException extends ErrorResponseException {

	/**
	 * @param cause what failed; logged by the caller, never shown to the client
	 */
	public StorageUnavailableException(Throwable cause) {
		super(HttpStatus.SERVICE_UNAVAILABLE, ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"the telemetry store is not available; try again shortly"), cause);
	}

}
