package io.panopticon.common.telemetry;

/**
 * The outcome a producer reported for a span, as in OpenTelemetry.
 */
public enum StatusCode {

	/**
	 * The producer did not say; HTTP status 500 or above still makes the span an error.
	 */
	UNSET,

	/** The producer marked the span successful, whatever its HTTP status. */
	OK,

	/** The producer marked the span failed. */
	ERROR

}
