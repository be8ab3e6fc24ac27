package io.panopticon.common.telemetry;

/**
 * The status of a span: a code and an optional human-readable message.
 *
 * @param code the status code; {@code null} becomes {@link StatusCode#UNSET}
 * @param message what went wrong, or {@code null}; an empty message becomes {@code null}
 */
public record SpanStatus(StatusCode code, String message) {

	/** The status of a span whose producer said nothing about it. */
	public static final SpanStatus UNSET = new SpanStatus(StatusCode.UNSET, null);

	public SpanStatus {
		code = (code != null) ? code : StatusCode.UNSET;
		message = (message == null || message.isEmpty()) ? null : message;
	}

	/**
	 * Returns a status with the given code and no message.
	 * @param code the status code
	 * @return the status
	 */
	public static SpanStatus of(StatusCode code) {
		return new SpanStatus(code, null);
	}

}
