package io.panopticon.errorstream.log;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import io.panopticon.common.telemetry.ErrorLogRecord;
import io.panopticon.common.telemetry.LogEvent;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads error logs from the two places they come from (the {@code apm.logs.error} record
 * value and a {@code logs-apm-*} document) and writes the JSON clients receive.
 * <p>
 * The client JSON is one object: <pre class="code">
 * {"type":"error-log","id":"LLVf-VWMdryeXCh7-v-MmQ","timestamp":"2025-11-21T08:00:00.123456Z",
 *  "serviceName":"orders","environment":"prod","level":"ERROR","message":"payment gateway timeout",
 *  "traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"00f067aa0ba902b7",
 *  "attributes":{"exception.type":"TimeoutException"}}
 * </pre> with every member present ({@code null} when the log has no environment, trace
 * or span; {@code {}} without attributes), and the timestamp in ISO-8601 UTC with
 * microseconds. A summary of coalesced events is
 * {@code {"type":"suppressed","count":120,"since":"2025-11-21T08:00:00.123456Z"}}.
 * Thread-safe; all methods are static.
 */
public final class ErrorLogJson {

	/** The {@code type} of an error-log message. */
	public static final String ERROR_LOG_TYPE = "error-log";

	/** The {@code type} of a summary of suppressed error logs. */
	public static final String SUPPRESSED_TYPE = "suppressed";

	// Not escaping '/' keeps messages such as "GET /orders/{id} failed" as they were.
	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
		.build();

	private static final DateTimeFormatter ISO_MICROS = DateTimeFormatter
		.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private ErrorLogJson() {
	}

	/**
	 * Reads the value of an {@code apm.logs.error} record, an {@link ErrorLogRecord}.
	 * @param value the record value
	 * @return the error log
	 * @throws IllegalArgumentException if the value is not such a record; the message
	 * names the fields and never holds the value
	 */
	public static ErrorLog fromRecord(byte[] value) {
		ErrorLogRecord record = ErrorLogRecord.decode(value);
		LogEvent event = record.event();
		return new ErrorLog(record.id(), event.timestampMicros(), event.serviceName(), event.environment(),
				event.level().name(), event.message(), event.traceId(), event.spanId(),
				JSON.valueToTree(event.attributes()));
	}

	/**
	 * Reads a log document of {@code logs-apm-*} (the layout of {@code docs/formats.md},
	 * "Log document").
	 * @param id the document's {@code _id}
	 * @param source its {@code _source}
	 * @return the error log
	 * @throws IllegalArgumentException if a required field is missing
	 */
	public static ErrorLog fromDocument(String id, JsonNode source) {
		JsonNode micros = source.get("timestampMicros");
		long timestamp;
		if (micros != null && micros.canConvertToLong()) {
			timestamp = micros.asLong();
		}
		else if (source.path("@timestamp").canConvertToLong()) {
			timestamp = Math.multiplyExact(source.path("@timestamp").asLong(), 1000L);
		}
		else {
			throw new IllegalArgumentException("timestampMicros is missing");
		}
		return new ErrorLog(id, timestamp, requiredText(source, "serviceName"), optionalText(source, "environment"),
				requiredText(source, "level"), requiredText(source, "message"), optionalText(source, "traceId"),
				optionalText(source, "spanId"), attributes(source.get("attributeMap")));
	}

	/**
	 * The JSON object clients receive for an error log.
	 * @param log the error log
	 * @return a new object node
	 */
	public static ObjectNode toJson(ErrorLog log) {
		ObjectNode json = JSON.createObjectNode();
		json.put("type", ERROR_LOG_TYPE);
		json.put("id", log.id());
		json.put("timestamp", isoTimestamp(log.timestampMicros()));
		json.put("serviceName", log.serviceName());
		json.put("environment", log.environment());
		json.put("level", log.level());
		json.put("message", log.message());
		json.put("traceId", log.traceId());
		json.put("spanId", log.spanId());
		json.set("attributes", log.attributes());
		return json;
	}

	/**
	 * The message body clients receive for an error log, see {@link #toJson(ErrorLog)}.
	 * @param log the error log
	 * @return compact JSON text
	 */
	public static String body(ErrorLog log) {
		return JSON.writeValueAsString(toJson(log));
	}

	/**
	 * The message body that stands for error logs a subscription did not receive.
	 * @param count how many were left out
	 * @param sinceMicros the timestamp of the earliest of them, in microseconds since the
	 * epoch
	 * @return compact JSON text
	 */
	public static String suppressed(long count, long sinceMicros) {
		ObjectNode json = JSON.createObjectNode();
		json.put("type", SUPPRESSED_TYPE);
		json.put("count", count);
		json.put("since", isoTimestamp(sinceMicros));
		return JSON.writeValueAsString(json);
	}

	/**
	 * Writes a time as ISO-8601 in UTC with six fraction digits, for example
	 * {@code 2025-11-21T08:00:00.123456Z}: text that sorts like the time it stands for.
	 * @param micros microseconds since the epoch
	 * @return the text
	 */
	public static String isoTimestamp(long micros) {
		return ISO_MICROS.format(Instant.EPOCH.plus(micros, ChronoUnit.MICROS));
	}

	private static String requiredText(JsonNode json, String name) {
		String text = optionalText(json, name);
		if (text == null) {
			throw new IllegalArgumentException(name + " is missing");
		}
		return text;
	}

	private static String optionalText(JsonNode json, String name) {
		JsonNode value = json.get(name);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new IllegalArgumentException(name + " must be a string");
		}
		String text = value.asString();
		return text.isBlank() ? null : text;
	}

	private static JsonNode attributes(JsonNode value) {
		return (value != null && value.isObject()) ? value : JSON.createObjectNode();
	}

	/**
	 * The UTF-8 length of a text, without encoding it.
	 * @param text the text
	 * @return its length in bytes
	 */
	public static int utf8Length(String text) {
		int bytes = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				bytes++;
			}
			else if (c < 0x800) {
				bytes += 2;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(i + 1))) {
				bytes += 4;
				i++;
			}
			else {
				bytes += 3;
			}
		}
		return bytes;
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
