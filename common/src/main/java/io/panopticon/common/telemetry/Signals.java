package io.panopticon.common.telemetry;

/**
 * The definitions every service shares when it counts requests and errors, so that
 * ingest, rollups, queries and SLOs agree on the numbers.
 */
public final class Signals {

	private Signals() {
	}

	/**
	 * Returns whether a span is a request: a {@link SpanKind#SERVER} or
	 * {@link SpanKind#CONSUMER} span. Client, producer and internal spans describe work
	 * done on behalf of a request and would count it twice.
	 * @param span the span
	 * @return whether the span is a request
	 */
	public static boolean isRequest(Span span) {
		return span.kind() == SpanKind.SERVER || span.kind() == SpanKind.CONSUMER;
	}

	/**
	 * Returns whether a span is an error: its status is {@link StatusCode#ERROR}, or it
	 * is {@link StatusCode#UNSET} and its HTTP status code is 500 or above. An explicit
	 * {@link StatusCode#OK} wins over the HTTP status, and a 4xx is the caller's fault,
	 * not an error of the service.
	 * @param span the span
	 * @return whether the span is an error
	 */
	public static boolean isError(Span span) {
		StatusCode code = span.status().code();
		if (code == StatusCode.ERROR) {
			return true;
		}
		return code == StatusCode.UNSET && span.httpStatusCode() != null && span.httpStatusCode() >= 500;
	}

	/**
	 * Returns whether a log event is an error log, one that belongs on the error stream:
	 * level {@link LogLevel#ERROR} or {@link LogLevel#FATAL}.
	 * @param event the log event
	 * @return whether the event is an error log
	 */
	public static boolean isError(LogEvent event) {
		return event.level().compareTo(LogLevel.ERROR) >= 0;
	}

}
