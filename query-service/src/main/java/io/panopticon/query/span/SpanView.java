package io.panopticon.query.span;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

import io.panopticon.storage.SpanFields;
import io.panopticon.query.search.Times;

/**
 * A span as the API shows it. Times are ISO-8601 (microsecond precision), durations
 * milliseconds. Optional values the span does not have are left out.
 *
 * @param traceId the trace id
 * @param spanId the span id
 * @param parentSpanId the parent's span id; absent for a root span
 * @param name the span name
 * @param kind SERVER, CLIENT, PRODUCER, CONSUMER or INTERNAL
 * @param serviceName the service
 * @param environment the environment, when the producer said
 * @param endpoint the endpoint the span counts for (method and route, or the name)
 * @param startTime the start
 * @param duration the duration in milliseconds
 * @param status the status the producer reported
 * @param error whether the span is an error (status ERROR, or UNSET with HTTP status 500
 * or above)
 * @param httpMethod the HTTP method
 * @param httpRoute the HTTP route
 * @param httpStatusCode the HTTP status code
 * @param peerService the remote service a client span called
 * @param attributes the span's attributes as received
 * @param resource the resource attributes as received
 * @param events the span's events
 * @param links links to spans of other traces
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SpanView(String traceId, String spanId, String parentSpanId, String name, String kind, String serviceName,
		String environment, String endpoint, String startTime, double duration, Status status, boolean error,
		String httpMethod, String httpRoute, Integer httpStatusCode, String peerService, JsonNode attributes,
		JsonNode resource, List<Event> events, JsonNode links) {

	/**
	 * Reads a span document.
	 * @param source the document's source
	 * @return the span
	 */
	public static SpanView of(JsonNode source) {
		List<Event> events = null;
		if (source.path("events").isArray()) {
			events = new ArrayList<>();
			for (JsonNode event : source.path("events")) {
				events.add(new Event(Times.iso(event.path("time").asLong()), event.path("name").asString(null),
						object(event.path("attributes"))));
			}
		}
		JsonNode status = source.path("status");
		return new SpanView(text(source, SpanFields.TRACE_ID), text(source, SpanFields.SPAN_ID),
				text(source, SpanFields.PARENT_SPAN_ID), text(source, SpanFields.NAME), text(source, SpanFields.KIND),
				text(source, SpanFields.SERVICE_NAME), text(source, SpanFields.ENVIRONMENT),
				text(source, SpanFields.ENDPOINT), Times.iso(source.path(SpanFields.START_TIME_MICROS).asLong()),
				Times.millis(source.path(SpanFields.DURATION_MICROS).asLong()),
				new Status(status.path("code").asString("UNSET"), status.path("message").asString(null)),
				source.path(SpanFields.IS_ERROR).asBoolean(false), text(source, "httpMethod"),
				text(source, "httpRoute"),
				source.path("httpStatusCode").isNumber() ? source.path("httpStatusCode").asInt() : null,
				text(source, "peerService"), object(source.path("attributeMap")), object(source.path("resource")),
				events, source.path("links").isArray() ? source.path("links") : null);
	}

	private static String text(JsonNode source, String field) {
		JsonNode value = source.path(field);
		return value.isString() ? value.asString() : null;
	}

	private static JsonNode object(JsonNode value) {
		return value.isObject() ? value : null;
	}

	/**
	 * The outcome the producer reported.
	 *
	 * @param code OK, ERROR or UNSET
	 * @param message the status message, when there is one
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@Schema(name = "SpanStatus")
	public record Status(String code, String message) {
	}

	/**
	 * Something that happened during a span, such as an exception.
	 *
	 * @param time when
	 * @param name what
	 * @param attributes the event's attributes
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@Schema(name = "SpanEvent")
	public record Event(String time, String name, JsonNode attributes) {
	}

}
