package io.panopticon.storage;

import java.io.OutputStream;

import io.panopticon.common.telemetry.LogEvent;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;

import static io.panopticon.storage.DocumentJson.name;
import static io.panopticon.storage.DocumentJson.writeIfPresent;

/**
 * Writes the Elasticsearch document ({@code _source}) of a log event as UTF-8 JSON: the
 * bytes that follow the action line in a {@code _bulk} request. The layout, and the
 * mapping in {@link IndexTemplates} it must agree with, are described in
 * {@code docs/formats.md}, "Span and log documents in Elasticsearch".
 * <p>
 * Streamed like {@link SpanDocuments}. Thread-safe; all methods are static.
 */
public final class LogDocuments {

	private static final SerializableString TIMESTAMP = name("@timestamp");

	private static final SerializableString TIMESTAMP_MICROS = name("timestampMicros");

	private static final SerializableString SERVICE_NAME = name("serviceName");

	private static final SerializableString ENVIRONMENT = name("environment");

	private static final SerializableString LEVEL = name("level");

	private static final SerializableString MESSAGE = name("message");

	private static final SerializableString TRACE_ID = name("traceId");

	private static final SerializableString SPAN_ID = name("spanId");

	private static final SerializableString ATTRIBUTES = name("attributes");

	private static final SerializableString ATTRIBUTE_MAP = name("attributeMap");

	private LogDocuments() {
	}

	/**
	 * Returns the document of a log event.
	 * @param event the log event
	 * @return UTF-8 JSON, a new array the caller owns
	 */
	public static byte[] log(LogEvent event) {
		return DocumentJson.toBytes((out) -> write(event, out));
	}

	/**
	 * Returns the index a log event belongs to: the daily {@code logs-apm-*} index of its
	 * timestamp.
	 * @param event the log event
	 * @return the index name, for example {@code logs-apm-2025.11.21}
	 */
	public static String indexOf(LogEvent event) {
		return IndexFamily.LOGS.indexFor(event.timestampMicros());
	}

	/**
	 * Writes the document of a log event to a stream, for callers that assemble a
	 * {@code _bulk} body themselves and want to skip the copy {@link #log} makes.
	 * @param event the log event
	 * @param out the stream; left open
	 * @throws tools.jackson.core.JacksonException if the stream fails
	 */
	public static void write(LogEvent event, OutputStream out) {
		try (JsonGenerator json = DocumentJson.generator(out)) {
			json.writeStartObject();
			json.writeName(TIMESTAMP);
			json.writeNumber(event.timestampMicros() / 1000);
			json.writeName(TIMESTAMP_MICROS);
			json.writeNumber(event.timestampMicros());
			json.writeName(SERVICE_NAME);
			json.writeString(event.serviceName());
			writeIfPresent(json, ENVIRONMENT, event.environment());
			json.writeName(LEVEL);
			json.writeString(event.level().name());
			json.writeName(MESSAGE);
			json.writeString(event.message());
			writeIfPresent(json, TRACE_ID, event.traceId());
			writeIfPresent(json, SPAN_ID, event.spanId());
			if (!event.attributes().isEmpty()) {
				json.writeName(ATTRIBUTES);
				json.writeStartArray();
				AttributeEntries.write(json, event.attributes());
				json.writeEndArray();
			}
			writeIfPresent(json, ATTRIBUTE_MAP, event.attributes());
			json.writeEndObject();
		}
	}

}
