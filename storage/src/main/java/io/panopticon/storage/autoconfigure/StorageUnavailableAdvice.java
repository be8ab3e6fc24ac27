package io.panopticon.storage.autoconfigure;

import io.panopticon.storage.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers a request that the search cluster could not serve now with a 503 problem
 * detail, which tells a client to try again, rather than a 500. Ordered before the
 * services' catch-all error boundary.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class StorageUnavailableAdvice {

	private static final Logger log = LoggerFactory.getLogger(StorageUnavailableAdvice.class);

	@ExceptionHandler(StorageUnavailableException.class)
	ResponseEntity<ProblemDetail> storageUnavailable(StorageUnavailableException ex) {
		log.warn("The telemetry store could not answer: {}", ex.getMessage());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					"the telemetry store did not answer; try again shortly"));
	}

}
