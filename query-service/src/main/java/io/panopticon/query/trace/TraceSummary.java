package io.panopticon.query.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

import io.panopticon.query.search.Times;
import io.panopticon.storage.SpanFields;

/**
 * A trace in a list, as one of its spans shows it: the root span in trace searches, the
 * endpoint's request span in the traces of an endpoint.
 *
 * @param traceId the trace id
 * @param spanId the span's id
 * @param serviceName the span's service
 * @param environment the environment, when the producer said
 * @param name the span name
 * @param endpoint the endpoint
 * @param kind the span kind
 * @param startTime the start, ISO-8601
 * @param duration milliseconds
 * @param status OK, ERROR or UNSET
 * @param error whether the span is an error
 * @param httpMethod the HTTP method
 * @param httpStatusCode the HTTP status code
 * @param spanCount how many spans the whole trace has
 * @param errorCount how many of them are errors
 * @param services the services taking part in the trace, most spans first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TraceSummary(String traceId, String spanId, String serviceName, String environment, String name, String endpoint,
		String kind, String startTime, double duration, String status, boolean error, String httpMethod,
		Integer httpStatusCode, Long spanCount, Long errorCount, List<String> services) {

	/** The fields a summary reads, so that searches fetch nothing more. */
	static final List<String> SOURCE_FIELDS = List.of(SpanFields.TRACE_ID, SpanFields.SPAN_ID, SpanFields.SERVICE_NAME,
			SpanFields.ENVIRONMENT, SpanFields.NAME, SpanFields.ENDPOINT, SpanFields.KIND, SpanFields.START_TIME_MICROS,
			SpanFields.DURATION_MICROS, SpanFields.STATUS_CODE, SpanFields.IS_ERROR, "httpMethod", "httpStatusCode");

	static TraceSummary of(JsonNode source) {
		return new TraceSummary(text(source, SpanFields.TRACE_ID), text(source, SpanFields.SPAN_ID),
				text(source, SpanFields.SERVICE_NAME), text(source, SpanFields.ENVIRONMENT),
				text(source, SpanFields.NAME), text(source, SpanFields.ENDPOINT), text(source, SpanFields.KIND),
				Times.iso(source.path(SpanFields.START_TIME_MICROS).asLong()),
				Times.millis(source.path(SpanFields.DURATION_MICROS).asLong()),
				source.path("status").path("code").asString("UNSET"), source.path(SpanFields.IS_ERROR).asBoolean(false),
				text(source, "httpMethod"),
				source.path("httpStatusCode").isNumber() ? source.path("httpStatusCode").asInt() : null, null, null,
				null);
	}

	/**
	 * Adds the figures of whole traces to summaries.
	 * @param summaries the summaries
	 * @param aggregations the answer of {@link TraceRequests#traceFigures}
	 * @return the summaries, each with its trace's figures when the answer has them
	 */
	static List<TraceSummary> withTraceFigures(List<TraceSummary> summaries, JsonNode aggregations) {
		Map<String, JsonNode> byTrace = new HashMap<>();
		for (JsonNode bucket : aggregations.path("traces").path("buckets")) {
			byTrace.put(bucket.path("key").asString(), bucket);
		}
		List<TraceSummary> enriched = new ArrayList<>(summaries.size());
		for (TraceSummary summary : summaries) {
			JsonNode figures = byTrace.get(summary.traceId());
			if (figures == null) {
				enriched.add(summary);
				continue;
			}
			List<String> services = new ArrayList<>();
			figures.path("services").path("buckets").forEach((service) -> services.add(service.path("key").asString()));
			enriched.add(new TraceSummary(summary.traceId(), summary.spanId(), summary.serviceName(),
					summary.environment(), summary.name(), summary.endpoint(), summary.kind(), summary.startTime(),
					summary.duration(), summary.status(), summary.error(), summary.httpMethod(),
					summary.httpStatusCode(), figures.path("doc_count").asLong(),
					figures.path("errors").path("doc_count").asLong(), List.copyOf(services)));
		}
		return enriched;
	}

	private static String text(JsonNode source, String field) {
		JsonNode value = source.path(field);
		return value.isString() ? value.asString() : null;
	}

}
