package io.panopticon.ingest.receiver.zipkin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import zipkin2.Annotation;
import zipkin2.Endpoint;

import io.panopticon.common.telemetry.Span;
import io.panopticon.common.telemetry.SpanEvent;
import io.panopticon.common.telemetry.SpanKind;
import io.panopticon.common.telemetry.SpanStatus;
import io.panopticon.common.telemetry.StatusCode;
import io.panopticon.ingest.receiver.Converted;

/**
 * Zipkin v2 spans to our model (the mapping table is in {@code docs/formats.md},
 * "Zipkin"). The kind is kept, so the client and server halves of a call that share one
 * span id (Zipkin's {@code shared} server span) stay two documents: our document id is
 * hash(traceId, spanId, kind).
 */
public final class ZipkinSpans {

	/**
	 * The name Zipkin tools show for what has none: spans without a name, endpoints
	 * without a service name.
	 */
	static final String UNKNOWN = "unknown";

	private ZipkinSpans() {
	}

	/**
	 * Converts decoded Zipkin spans.
	 * @param spans the spans
	 * @return the spans in our model, and the ones that break one of its rules
	 */
	public static Converted<Span> convert(List<zipkin2.Span> spans) {
		Converted<Span> converted = new Converted<>();
		for (int i = 0; i < spans.size(); i++) {
			String item = "spans[" + i + "]";
			try {
				converted.accept(item, span(spans.get(i)));
			}
			catch (IllegalArgumentException ex) {
				converted.reject(item, ex.getMessage());
			}
		}
		return converted;
	}

	/**
	 * Converts one span.
	 * @throws IllegalArgumentException naming the field, if the span breaks a rule
	 */
	static Span span(zipkin2.Span span) {
		if (span.timestampAsLong() == 0) {
			throw new IllegalArgumentException("timestamp is required");
		}
		if (span.duration() == null) {
			throw new IllegalArgumentException("duration is required");
		}
		SpanKind kind = kind(span.kind());
		Map<String, String> tags = span.tags();
		Map<String, Object> attributes = new LinkedHashMap<>(tags);
		if (Boolean.TRUE.equals(span.shared())) {
			attributes.put("zipkin.shared", true);
		}
		Endpoint remote = span.remoteEndpoint();
		if (remote != null) {
			putIfPresent(attributes, "network.peer.address", (remote.ipv6() != null) ? remote.ipv6() : remote.ipv4());
			if (remote.portAsInt() != 0) {
				attributes.put("network.peer.port", (long) remote.portAsInt());
			}
		}
		Endpoint local = span.localEndpoint();
		Map<String, Object> resource = new LinkedHashMap<>();
		String service = (local != null && local.serviceName() != null) ? local.serviceName() : UNKNOWN;
		resource.put("service.name", service);
		if (local != null) {
			putIfPresent(resource, "host.ip", (local.ipv4() != null) ? local.ipv4() : local.ipv6());
		}
		List<SpanEvent> events = new ArrayList<>(span.annotations().size());
		for (Annotation annotation : span.annotations()) {
			events.add(new SpanEvent(annotation.timestamp(), annotation.value(), null));
		}
		return Span.builder()
			.traceId(span.traceId())
			.spanId(span.id())
			.parentSpanId(span.parentId())
			.name((span.name() != null) ? span.name() : UNKNOWN)
			.kind(kind)
			.serviceName(service)
			.startTimeMicros(span.timestampAsLong())
			.durationMicros(span.durationAsLong())
			.status(status(tags))
			.httpMethod(upper(tags.get("http.method")))
			.httpRoute(tags.get("http.route"))
			.httpStatusCode(statusCode(tags.get("http.status_code")))
			.peerService(peer(kind, remote, tags))
			.attributes(attributes)
			.events(events)
			.resource(resource)
			.build();
	}

	static SpanKind kind(zipkin2.Span.Kind kind) {
		if (kind == null) {
			return SpanKind.INTERNAL;
		}
		return switch (kind) {
			case CLIENT -> SpanKind.CLIENT;
			case SERVER -> SpanKind.SERVER;
			case PRODUCER -> SpanKind.PRODUCER;
			case CONSUMER -> SpanKind.CONSUMER;
		};
	}

	/**
	 * Zipkin marks a failed span with an {@code error} tag (its value is the message,
	 * possibly empty); OpenTelemetry's Zipkin exporter adds {@code otel.status_code}.
	 * Without either, the status is unset.
	 */
	static SpanStatus status(Map<String, String> tags) {
		String otelCode = tags.get("otel.status_code");
		if (tags.containsKey("error") || "ERROR".equalsIgnoreCase(otelCode)) {
			String message = tags.get("error");
			if (message == null || message.isEmpty()) {
				message = tags.get("otel.status_description");
			}
			return new SpanStatus(StatusCode.ERROR, message);
		}
		return "OK".equalsIgnoreCase(otelCode) ? SpanStatus.of(StatusCode.OK) : SpanStatus.UNSET;
	}

	/**
	 * The HTTP status from the {@code http.status_code} tag. Text that is no number stays
	 * a tag only.
	 * @throws IllegalArgumentException if it is a number outside 100–599
	 */
	static Integer statusCode(String tag) {
		if (tag == null || !tag.trim().matches("\\d{1,9}")) {
			return null;
		}
		int code = Integer.parseInt(tag.trim());
		if (code < Span.MIN_HTTP_STATUS || code > Span.MAX_HTTP_STATUS) {
			throw new IllegalArgumentException("tags.http.status_code must be between " + Span.MIN_HTTP_STATUS + " and "
					+ Span.MAX_HTTP_STATUS + ": " + code);
		}
		return code;
	}

	/**
	 * The remote side: the remote endpoint's service name; for client and producer spans
	 * without one, the {@code peer.service} or {@code db.system} tag.
	 */
	static String peer(SpanKind kind, Endpoint remote, Map<String, String> tags) {
		if (remote != null && remote.serviceName() != null) {
			return remote.serviceName();
		}
		String peer = tags.get("peer.service");
		if (peer == null && (kind == SpanKind.CLIENT || kind == SpanKind.PRODUCER)) {
			peer = tags.get("db.system");
		}
		return peer;
	}

	private static String upper(String method) {
		return (method != null) ? method.toUpperCase(Locale.ROOT) : null;
	}

	private static void putIfPresent(Map<String, Object> map, String key, String value) {
		if (value != null) {
			map.put(key, value);
		}
	}

}
