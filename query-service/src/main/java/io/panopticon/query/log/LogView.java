package io.panopticon.query.log;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

import io.panopticon.query.search.Times;

/**
 * A log event as the API shows it. Optional values the event does not have are left out.
 *
 * @param timestamp when, ISO-8601 with microsecond precision
 * @param serviceName the service
 * @param environment the environment, when the producer said
 * @param level TRACE, DEBUG, INFO, WARN, ERROR or FATAL
 * @param message the message
 * @param traceId the trace the event belongs to
 * @param spanId the span the event belongs to
 * @param attributes the attributes as received
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogView(String timestamp, String serviceName, String environment, String level, String message,
		String traceId, String spanId, JsonNode attributes) {

	/**
	 * Reads a log document.
	 * @param source the document's source
	 * @return the event
	 */
	public static LogView of(JsonNode source) {
		return new LogView(Times.iso(source.path(LogFields.TIMESTAMP_MICROS).asLong()),
				text(source, LogFields.SERVICE_NAME), text(source, LogFields.ENVIRONMENT),
				text(source, LogFields.LEVEL), text(source, LogFields.MESSAGE), text(source, LogFields.TRACE_ID),
				text(source, LogFields.SPAN_ID),
				source.path("attributeMap").isObject() ? source.path("attributeMap") : null);
	}

	private static String text(JsonNode source, String field) {
		JsonNode value = source.path(field);
		return value.isString() ? value.asString() : null;
	}

}
