package io.panopticon.storage;

import java.io.OutputStream;
import java.util.Objects;

import io.panopticon.common.histogram.LatencyHistogram;
import io.panopticon.common.telemetry.Signals;
import io.panopticon.common.telemetry.Span;
import io.panopticon.common.telemetry.SpanEvent;
import io.panopticon.common.telemetry.SpanLink;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;

import static io.panopticon.storage.DocumentJson.name;
import static io.panopticon.storage.DocumentJson.writeIfPresent;

/**
 * Writes the Elasticsearch document ({@code _source}) of a span as UTF-8 JSON: the bytes
 * that follow the action line in a {@code _bulk} request. The layout, and the mapping in
 * {@link IndexTemplates} it must agree with, are described in {@code docs/formats.md},
 * "Span and log documents in Elasticsearch".
 * <p>
 * Documents are streamed with a Jackson generator, without building a tree: ingest writes
 * them straight into its {@code _bulk} bodies, once per span. Absent optional values are
 * left out rather than written as {@code null}. Thread-safe; all methods are static.
 */
public final class SpanDocuments {

	/** The endpoint that stands for every name beyond a service's cap. */
	public static final String OTHER_ENDPOINT = "_other";

	/**
	 * The longest endpoint name, in characters. Longer names (usually span names that
	 * carry a whole SQL statement or URL) are cut, which keeps them indexable as keywords
	 * and groups their variants.
	 */
	public static final int MAX_ENDPOINT_LENGTH = 256;

	private static final SerializableString TRACE_ID = name(SpanFields.TRACE_ID);

	private static final SerializableString SPAN_ID = name(SpanFields.SPAN_ID);

	private static final SerializableString PARENT_SPAN_ID = name(SpanFields.PARENT_SPAN_ID);

	private static final SerializableString NAME = name(SpanFields.NAME);

	private static final SerializableString KIND = name(SpanFields.KIND);

	private static final SerializableString SERVICE_NAME = name(SpanFields.SERVICE_NAME);

	private static final SerializableString ENVIRONMENT = name(SpanFields.ENVIRONMENT);

	private static final SerializableString ENDPOINT = name(SpanFields.ENDPOINT);

	private static final SerializableString TIMESTAMP = name(SpanFields.TIMESTAMP);

	private static final SerializableString START_TIME_MICROS = name(SpanFields.START_TIME_MICROS);

	private static final SerializableString END_TIME_MICROS = name(SpanFields.END_TIME_MICROS);

	private static final SerializableString DURATION_MICROS = name(SpanFields.DURATION_MICROS);

	private static final SerializableString LATENCY_BUCKET = name(SpanFields.LATENCY_BUCKET);

	private static final SerializableString STATUS = name(SpanFields.STATUS);

	private static final SerializableString CODE = name(SpanFields.CODE);

	private static final SerializableString MESSAGE = name(SpanFields.MESSAGE);

	private static final SerializableString IS_REQUEST = name(SpanFields.IS_REQUEST);

	private static final SerializableString IS_ERROR = name(SpanFields.IS_ERROR);

	private static final SerializableString HTTP_METHOD = name(SpanFields.HTTP_METHOD);

	private static final SerializableString HTTP_ROUTE = name(SpanFields.HTTP_ROUTE);

	private static final SerializableString HTTP_STATUS_CODE = name(SpanFields.HTTP_STATUS_CODE);

	private static final SerializableString PEER_SERVICE = name(SpanFields.PEER_SERVICE);

	private static final SerializableString ATTRIBUTES = name(SpanFields.ATTRIBUTES);

	private static final SerializableString ATTRIBUTE_MAP = name(SpanFields.ATTRIBUTE_MAP);

	private static final SerializableString EVENTS = name(SpanFields.EVENTS);

	private static final SerializableString TIME = name(SpanFields.EVENT_TIME);

	private static final SerializableString LINKS = name(SpanFields.LINKS);

	private static final SerializableString RESOURCE = name(SpanFields.RESOURCE);

	private SpanDocuments() {
	}

	/**
	 * Returns the endpoint of a span, before any cap:
	 * {@code httpMethod + " " + httpRoute} when the span has both, else its name; cut to
	 * {@link #MAX_ENDPOINT_LENGTH} characters.
	 * @param span the span
	 * @return the endpoint, for example {@code GET /orders/{id}}
	 */
	public static String endpointOf(Span span) {
		String endpoint = (span.httpMethod() != null && span.httpRoute() != null)
				? span.httpMethod() + " " + span.httpRoute() : span.name();
		return Truncation.toLength(endpoint, MAX_ENDPOINT_LENGTH);
	}

	/**
	 * Returns the document of a span.
	 * @param span the span
	 * @param endpoint the span's endpoint after the cardinality cap, from
	 * {@link EndpointLimiter#endpointFor(Span)}
	 * @return UTF-8 JSON, a new array the caller owns
	 */
	public static byte[] span(Span span, String endpoint) {
		Objects.requireNonNull(endpoint, "endpoint");
		return DocumentJson.toBytes((out) -> write(span, endpoint, out));
	}

	/**
	 * Returns the index a span belongs to: the daily {@code traces-apm-*} index of its
	 * start time.
	 * @param span the span
	 * @return the index name, for example {@code traces-apm-2025.11.21}
	 */
	public static String indexOf(Span span) {
		return IndexFamily.TRACES.indexFor(span.startTimeMicros());
	}

	/**
	 * Writes the document of a span to a stream, for callers that assemble a
	 * {@code _bulk} body themselves and want to skip the copy {@link #span} makes.
	 * @param span the span
	 * @param endpoint the span's endpoint after the cardinality cap
	 * @param out the stream; left open
	 * @throws tools.jackson.core.JacksonException if the stream fails
	 */
	public static void write(Span span, String endpoint, OutputStream out) {
		Objects.requireNonNull(endpoint, "endpoint");
		try (JsonGenerator json = DocumentJson.generator(out)) {
			json.writeStartObject();
			json.writeName(TRACE_ID);
			json.writeString(span.traceId());
			json.writeName(SPAN_ID);
			json.writeString(span.spanId());
			writeIfPresent(json, PARENT_SPAN_ID, span.parentSpanId());
			json.writeName(NAME);
			json.writeString(span.name());
			json.writeName(KIND);
			json.writeString(span.kind().name());
			json.writeName(SERVICE_NAME);
			json.writeString(span.serviceName());
			writeIfPresent(json, ENVIRONMENT, span.environment());
			json.writeName(ENDPOINT);
			json.writeString(endpoint);
			// Epoch milliseconds, which the default date format reads, spare
			// formatting a date string per span.
			json.writeName(TIMESTAMP);
			json.writeNumber(span.startTimeMicros() / 1000);
			json.writeName(START_TIME_MICROS);
			json.writeNumber(span.startTimeMicros());
			json.writeName(END_TIME_MICROS);
			json.writeNumber(endTimeMicros(span));
			json.writeName(DURATION_MICROS);
			json.writeNumber(span.durationMicros());
			json.writeName(LATENCY_BUCKET);
			json.writeNumber(LatencyHistogram.bucketOf(span.durationMicros()));
			json.writeName(STATUS);
			json.writeStartObject();
			json.writeName(CODE);
			json.writeString(span.status().code().name());
			writeIfPresent(json, MESSAGE, span.status().message());
			json.writeEndObject();
			json.writeName(IS_REQUEST);
			json.writeBoolean(Signals.isRequest(span));
			json.writeName(IS_ERROR);
			json.writeBoolean(Signals.isError(span));
			writeIfPresent(json, HTTP_METHOD, span.httpMethod());
			writeIfPresent(json, HTTP_ROUTE, span.httpRoute());
			if (span.httpStatusCode() != null) {
				json.writeName(HTTP_STATUS_CODE);
				json.writeNumber(span.httpStatusCode().intValue());
			}
			writeIfPresent(json, PEER_SERVICE, span.peerService());
			// Resource attributes (host.name, cloud.region, ...) are searchable
			// like span attributes: users rarely know which of the two holds a key.
			if (!span.attributes().isEmpty() || !span.resource().isEmpty()) {
				json.writeName(ATTRIBUTES);
				json.writeStartArray();
				AttributeEntries.write(json, span.attributes());
				AttributeEntries.write(json, span.resource());
				json.writeEndArray();
			}
			writeIfPresent(json, ATTRIBUTE_MAP, span.attributes());
			if (!span.events().isEmpty()) {
				json.writeName(EVENTS);
				json.writeStartArray();
				for (SpanEvent event : span.events()) {
					json.writeStartObject();
					json.writeName(TIME);
					json.writeNumber(event.timeMicros());
					json.writeName(NAME);
					json.writeString(event.name());
					writeIfPresent(json, ATTRIBUTES, event.attributes());
					json.writeEndObject();
				}
				json.writeEndArray();
			}
			if (!span.links().isEmpty()) {
				json.writeName(LINKS);
				json.writeStartArray();
				for (SpanLink link : span.links()) {
					json.writeStartObject();
					json.writeName(TRACE_ID);
					json.writeString(link.traceId());
					json.writeName(SPAN_ID);
					json.writeString(link.spanId());
					writeIfPresent(json, ATTRIBUTES, link.attributes());
					json.writeEndObject();
				}
				json.writeEndArray();
			}
			writeIfPresent(json, RESOURCE, span.resource());
			json.writeEndObject();
		}
	}

	/**
	 * The end of a span, saturating instead of overflowing for absurd durations, so that
	 * the document still indexes (the codec bounds neither the start nor the duration).
	 */
	private static long endTimeMicros(Span span) {
		long end = span.startTimeMicros() + span.durationMicros();
		return (end >= span.startTimeMicros()) ? end : Long.MAX_VALUE;
	}

}
