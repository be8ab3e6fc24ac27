package io.panopticon.demo;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.panopticon.common.telemetry.LogEvent;
import io.panopticon.common.telemetry.Span;
import io.panopticon.common.telemetry.TelemetryJson;

/**
 * One generated request: its spans, root first and every parent before its children, and
 * the log events its services wrote, in time order.
 *
 * @param traceId the trace id (32 hex digits)
 * @param spans the spans
 * @param logs the log events, each carrying the trace id and the id of the span it
 * belongs to
 */
public record Trace(String traceId, List<Span> spans, List<LogEvent> logs) {

	public Trace {
		spans = List.copyOf(spans);
		logs = List.copyOf(logs);
	}

	/**
	 * Returns the root span, the gateway's SERVER span.
	 * @return the root span
	 */
	public Span root() {
		return this.spans.get(0);
	}

	/**
	 * Encodes the spans as one Kafka record value: a JSON array of span objects.
	 * @return UTF-8 JSON
	 */
	public byte[] spansRecord() {
		List<byte[]> items = new ArrayList<>(this.spans.size());
		for (Span span : this.spans) {
			items.add(TelemetryJson.encode(span));
		}
		return jsonArray(items);
	}

	/**
	 * Encodes the log events as Kafka record values, one JSON array per service (the
	 * record key), services in the order they first logged.
	 * @return record values by service name
	 */
	public Map<String, byte[]> logRecordsByService() {
		Map<String, List<byte[]>> byService = new LinkedHashMap<>();
		for (LogEvent event : this.logs) {
			byService.computeIfAbsent(event.serviceName(), (service) -> new ArrayList<>())
				.add(TelemetryJson.encode(event));
		}
		Map<String, byte[]> records = new LinkedHashMap<>();
		byService.forEach((service, items) -> records.put(service, jsonArray(items)));
		return records;
	}

	private static byte[] jsonArray(List<byte[]> items) {
		int size = 2 + Math.max(0, items.size() - 1);
		for (byte[] item : items) {
			size += item.length;
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(size);
		out.write('[');
		for (int i = 0; i < items.size(); i++) {
			if (i > 0) {
				out.write(',');
			}
			out.writeBytes(items.get(i));
		}
		out.write(']');
		return out.toByteArray();
	}

}
