package io.panopticon.common.telemetry;

import java.util.Objects;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The value of an {@code apm.logs.error} record: the contract between ingest-service,
 * which publishes one for every ERROR or FATAL log event once it is stored, and
 * error-stream-service, which streams them. It is the log event as
 * {@link TelemetryJson#encode(LogEvent)} writes it (normalised: epoch-microsecond
 * timestamp, upper-case level, lower-case ids, absent optional fields left out) with the
 * id of its {@code logs-apm-*} document as the first member: <pre class="code">
 * {"id":"LLVf-VWMdryeXCh7-v-MmQ","timestamp":1763712000123456,"serviceName":"orders",
 *  "environment":"prod","level":"ERROR","message":"payment gateway timeout",
 *  "traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"00f067aa0ba902b7",
 *  "attributes":{"exception.type":"TimeoutException"}}
 * </pre> Reading follows the rules of the log format ({@code docs/formats.md}), so a time
 * may also be an ISO-8601 date-time and a level any case.
 *
 * @param id the id of the event's document; subscribers de-duplicate by it
 * @param event the log event
 */
public record ErrorLogRecord(String id, LogEvent event) {

	/**
	 * @throws IllegalArgumentException if the id is blank
	 */
	public ErrorLogRecord {
		Values.requireText(id, "id");
		Objects.requireNonNull(event, "event");
	}

	/**
	 * Encodes the record value.
	 * @return UTF-8 JSON
	 */
	public byte[] encode() {
		return TelemetryJson.encode(this.event, this.id);
	}

	/**
	 * Decodes a record value.
	 * @param value the record value
	 * @return the error log record
	 * @throws IllegalArgumentException if the value is not such a record; the message
	 * names the fields and never holds any part of the value
	 */
	public static ErrorLogRecord decode(byte[] value) {
		if (value == null || value.length == 0) {
			throw new IllegalArgumentException("the record is empty");
		}
		JsonNode json;
		try {
			json = TelemetryJson.readTree(value);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("the record is not JSON");
		}
		if (json == null || !json.isObject()) {
			throw new IllegalArgumentException("the record is not a JSON object");
		}
		JsonNode id = json.get("id");
		if (id == null || id.isNull()) {
			throw new IllegalArgumentException("id is missing");
		}
		if (!id.isString() || id.asString().isBlank()) {
			throw new IllegalArgumentException("id must be a non-blank string");
		}
		Decoded<LogEvent> event = TelemetryJson.decodeLog(json, value);
		if (!event.isValid()) {
			throw new IllegalArgumentException(event.errors()
				.stream()
				.map((error) -> error.field() + " " + error.reason())
				.collect(Collectors.joining("; ")));
		}
		return new ErrorLogRecord(id.asString(), event.value());
	}

}
