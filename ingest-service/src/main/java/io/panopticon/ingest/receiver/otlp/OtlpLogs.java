package io.panopticon.ingest.receiver.otlp;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import tools.jackson.databind.json.JsonMapper;

import io.panopticon.common.telemetry.LogEvent;
import io.panopticon.common.telemetry.LogLevel;
import io.panopticon.ingest.receiver.Converted;
import io.panopticon.ingest.receiver.otlp.OtlpValues.ResourceInfo;

/**
 * OTLP log records to our model (the mapping table is in {@code docs/formats.md},
 * "OTLP"). A record that breaks one of our model's rules is rejected on its own, with the
 * reason; the others are converted.
 */
public final class OtlpLogs {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private OtlpLogs() {
	}

	/**
	 * Converts every log record of a request.
	 * @param request the request
	 * @return the log events, and the rejected records with their location and reason
	 */
	public static Converted<LogEvent> convert(ExportLogsServiceRequest request) {
		Converted<LogEvent> converted = new Converted<>();
		for (int r = 0; r < request.getResourceLogsCount(); r++) {
			ResourceLogs resourceLogs = request.getResourceLogs(r);
			ResourceInfo resource = ResourceInfo.of(resourceLogs.getResource());
			for (int s = 0; s < resourceLogs.getScopeLogsCount(); s++) {
				ScopeLogs scopeLogs = resourceLogs.getScopeLogs(s);
				for (int i = 0; i < scopeLogs.getLogRecordsCount(); i++) {
					String item = "resourceLogs[" + r + "].scopeLogs[" + s + "].logRecords[" + i + "]";
					try {
						converted.accept(item, event(scopeLogs.getLogRecords(i), scopeLogs.getScope(), resource));
					}
					catch (IllegalArgumentException ex) {
						converted.reject(item, ex.getMessage());
					}
				}
			}
		}
		return converted;
	}

	/**
	 * Converts one log record. Our log events have no resource of their own, so the
	 * resource attributes join the record's attributes (the record's win on a clash),
	 * except the service name and environment, which have fields.
	 * @throws IllegalArgumentException naming the field, if the record breaks a rule
	 */
	static LogEvent event(LogRecord record, InstrumentationScope scope, ResourceInfo resource) {
		// OTLP: when the time of the event is unknown, the time it was observed stands
		// in.
		long nanos = (record.getTimeUnixNano() != 0) ? record.getTimeUnixNano() : record.getObservedTimeUnixNano();
		long timestamp = OtlpValues.micros("timeUnixNano", nanos);
		Map<String, Object> attributes = new LinkedHashMap<>(resource.attributes());
		attributes.remove("service.name");
		attributes.remove("deployment.environment.name");
		attributes.remove("deployment.environment");
		attributes.putAll(OtlpValues.attributes(record.getAttributesList()));
		if (!scope.getName().isEmpty()) {
			attributes.putIfAbsent(OtlpSpans.SCOPE_NAME, scope.getName());
		}
		return new LogEvent(timestamp, resource.serviceName(), resource.environment(),
				level(record.getSeverityNumberValue(), record.getSeverityText()), message(record), hex(record, true),
				hex(record, false), attributes);
	}

	/**
	 * The level from the severity number (1–4 TRACE, 5–8 DEBUG, 9–12 INFO, 13–16 WARN,
	 * 17–20 ERROR, 21–24 FATAL); without one, from the severity text (common spellings of
	 * the six levels, {@code WARNING}, {@code CRITICAL}, ...); else INFO, since OTLP lets
	 * a record leave its severity out.
	 */
	static LogLevel level(int number, String text) {
		if (number >= 1 && number <= 24) {
			return LogLevel.values()[(number - 1) / 4];
		}
		return switch (text.trim().toUpperCase(Locale.ROOT)) {
			case "TRACE", "FINEST", "FINER" -> LogLevel.TRACE;
			case "DEBUG", "FINE", "CONFIG" -> LogLevel.DEBUG;
			case "WARN", "WARNING" -> LogLevel.WARN;
			case "ERROR", "ERR", "SEVERE" -> LogLevel.ERROR;
			case "FATAL", "CRITICAL", "CRIT", "EMERGENCY", "EMERG", "ALERT", "PANIC" -> LogLevel.FATAL;
			default -> LogLevel.INFO;
		};
	}

	/**
	 * The message: the body when it is text, else the body as JSON; without a body, the
	 * event name.
	 * @throws IllegalArgumentException if there is neither
	 */
	static String message(LogRecord record) {
		AnyValue body = record.getBody();
		Object value = OtlpValues.value(body);
		String message = (value instanceof String text) ? text
				: (value != null) ? JSON.writeValueAsString(value) : null;
		if (message == null || message.isBlank()) {
			message = record.getEventName();
		}
		if (message == null || message.isBlank()) {
			throw new IllegalArgumentException("body is required (a record without body needs an eventName)");
		}
		return message;
	}

	private static String hex(LogRecord record, boolean trace) {
		return OtlpValues.hex(trace ? record.getTraceId() : record.getSpanId());
	}

}
