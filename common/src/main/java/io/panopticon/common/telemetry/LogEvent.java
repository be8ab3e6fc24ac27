package io.panopticon.common.telemetry;

import java.util.Map;

/**
 * One log line, exactly as the Kafka JSON format carries it (see
 * {@code docs/formats.md}).
 * <p>
 * Instances are always valid and normalised: the ids, when present, are lower-case hex,
 * empty optional strings are {@code null}, and the attributes are an unmodifiable,
 * insertion-ordered map following the value rules of {@link Span}.
 *
 * @param timestampMicros when it was logged, in microseconds since the epoch
 * @param serviceName the service that logged it
 * @param environment the deployment environment, or {@code null} when the producer did
 * not say; callers that need one choose the default
 * @param level the severity
 * @param message the message; never blank
 * @param traceId the trace the event belongs to (16 or 32 hex digits, lower case), or
 * {@code null}
 * @param spanId the span the event belongs to (16 hex digits, lower case), or
 * {@code null}
 * @param attributes details, insertion ordered; never {@code null}
 */
public record LogEvent(long timestampMicros, String serviceName, String environment, LogLevel level, String message,
		String traceId, String spanId, Map<String, Object> attributes) {

	/**
	 * Validates and normalises the event.
	 * @throws IllegalArgumentException if a required field is missing or blank, an id is
	 * malformed or the timestamp is before 1970 or after 2262
	 */
	public LogEvent {
		Values.requireTime(timestampMicros, "timestamp");
		Values.requireText(serviceName, "serviceName");
		environment = Values.emptyToNull(environment);
		if (level == null) {
			throw new IllegalArgumentException("level must not be null");
		}
		Values.requireText(message, "message");
		traceId = (Values.emptyToNull(traceId) != null) ? Ids.requireTraceId(traceId, "traceId") : null;
		spanId = (Values.emptyToNull(spanId) != null) ? Ids.requireSpanId(spanId, "spanId") : null;
		attributes = Attributes.copyOf(attributes);
	}

}
