package io.panopticon.query.search;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Elasticsearch could not be reached or is overloaded. Answered as a 503 problem detail,
 * which tells a client to try again, rather than a 500.
 */
public class StorageUnavailableException extends ErrorResponseException {

	private final String reason;

	/**
	 * @param reason why, for the service log; not shown to the caller
	 * @param cause the failure
	 */
	public StorageUnavailableException(String reason, Throwable cause) {
		super(HttpStatus.SERVICE_UNAVAILABLE, ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"the telemetry store did not answer; try again shortly"), cause);
		this.reason = reason;
	}

	/**
	 * Returns why the store was unavailable, for the log.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

}
