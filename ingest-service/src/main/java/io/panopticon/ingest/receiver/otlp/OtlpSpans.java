package io.panopticon.ingest.receiver.otlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

import io.panopticon.common.telemetry.Span;
import io.panopticon.common.telemetry.SpanEvent;
import io.panopticon.common.telemetry.SpanKind;
import io.panopticon.common.telemetry.SpanLink;
import io.panopticon.common.telemetry.SpanStatus;
import io.panopticon.common.telemetry.StatusCode;
import io.panopticon.ingest.receiver.Converted;
import io.panopticon.ingest.receiver.otlp.OtlpValues.ResourceInfo;

import static io.panopticon.ingest.receiver.otlp.OtlpValues.text;

/**
 * OTLP spans to our model (the mapping table is in {@code docs/formats.md}, "OTLP"). A
 * span that breaks one of our model's rules (the same rules the Kafka JSON format
 * enforces) is rejected on its own, with the reason; the others are converted.
 */
public final class OtlpSpans {

	/** The attribute our spans carry the instrumentation scope's name in. */
	static final String SCOPE_NAME = "otel.scope.name";

	/** The attribute our spans carry the instrumentation scope's version in. */
	static final String SCOPE_VERSION = "otel.scope.version";

	private OtlpSpans() {
	}

	/**
	 * Converts every span of a request.
	 * @param request the request
	 * @return the spans, and the rejected ones with their location and reason
	 */
	public static Converted<Span> convert(ExportTraceServiceRequest request) {
		Converted<Span> converted = new Converted<>();
		for (int r = 0; r < request.getResourceSpansCount(); r++) {
			ResourceSpans resourceSpans = request.getResourceSpans(r);
			ResourceInfo resource = ResourceInfo.of(resourceSpans.getResource());
			for (int s = 0; s < resourceSpans.getScopeSpansCount(); s++) {
				ScopeSpans scopeSpans = resourceSpans.getScopeSpans(s);
				for (int i = 0; i < scopeSpans.getSpansCount(); i++) {
					String item = "resourceSpans[" + r + "].scopeSpans[" + s + "].spans[" + i + "]";
					try {
						converted.accept(item, span(scopeSpans.getSpans(i), scopeSpans.getScope(), resource));
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
	 * Converts one span.
	 * @throws IllegalArgumentException naming the field, if the span breaks a rule
	 */
	static Span span(io.opentelemetry.proto.trace.v1.Span span, InstrumentationScope scope, ResourceInfo resource) {
		long start = OtlpValues.micros("startTimeUnixNano", span.getStartTimeUnixNano());
		long end = OtlpValues.micros("endTimeUnixNano", span.getEndTimeUnixNano());
		if (end < start) {
			throw new IllegalArgumentException("endTimeUnixNano must not be before startTimeUnixNano");
		}
		SpanKind kind = kind(span.getKind());
		Map<String, Object> attributes = OtlpValues.attributes(span.getAttributesList());
		Span.Builder builder = Span.builder()
			.traceId(required("traceId", OtlpValues.hex(span.getTraceId())))
			.spanId(required("spanId", OtlpValues.hex(span.getSpanId())))
			.parentSpanId(OtlpValues.hex(span.getParentSpanId()))
			.name(span.getName())
			.kind(kind)
			.serviceName(resource.serviceName())
			.environment(resource.environment())
			.startTimeMicros(start)
			.durationMicros(end - start)
			.status(status(span.getStatus()))
			.httpMethod(HttpConventions.method(attributes))
			.httpRoute(text(attributes.get("http.route")))
			.httpStatusCode(HttpConventions.statusCode(attributes))
			.peerService(HttpConventions.peer(kind, attributes))
			.resource(resource.attributes());
		if (!scope.getName().isEmpty()) {
			attributes.putIfAbsent(SCOPE_NAME, scope.getName());
		}
		if (!scope.getVersion().isEmpty()) {
			attributes.putIfAbsent(SCOPE_VERSION, scope.getVersion());
		}
		builder.attributes(attributes);
		List<SpanEvent> events = new ArrayList<>(span.getEventsCount());
		for (int e = 0; e < span.getEventsCount(); e++) {
			var event = span.getEvents(e);
			String field = "events[" + e + "]";
			events.add(new SpanEvent(OtlpValues.micros(field + ".timeUnixNano", event.getTimeUnixNano()),
					required(field + ".name", text(event.getName())),
					OtlpValues.attributes(event.getAttributesList())));
		}
		builder.events(events);
		List<SpanLink> links = new ArrayList<>(span.getLinksCount());
		for (int l = 0; l < span.getLinksCount(); l++) {
			var link = span.getLinks(l);
			String field = "links[" + l + "]";
			links.add(new SpanLink(required(field + ".traceId", OtlpValues.hex(link.getTraceId())),
					required(field + ".spanId", OtlpValues.hex(link.getSpanId())),
					OtlpValues.attributes(link.getAttributesList())));
		}
		builder.links(links);
		return builder.build();
	}

	static SpanKind kind(io.opentelemetry.proto.trace.v1.Span.SpanKind kind) {
		return switch (kind) {
			case SPAN_KIND_SERVER -> SpanKind.SERVER;
			case SPAN_KIND_CLIENT -> SpanKind.CLIENT;
			case SPAN_KIND_PRODUCER -> SpanKind.PRODUCER;
			case SPAN_KIND_CONSUMER -> SpanKind.CONSUMER;
			// Unspecified and values of a newer protocol version: OTLP says to treat
			// them as internal.
			case SPAN_KIND_INTERNAL, SPAN_KIND_UNSPECIFIED, UNRECOGNIZED -> SpanKind.INTERNAL;
		};
	}

	static SpanStatus status(io.opentelemetry.proto.trace.v1.Status status) {
		StatusCode code = switch (status.getCode()) {
			case STATUS_CODE_OK -> StatusCode.OK;
			case STATUS_CODE_ERROR -> StatusCode.ERROR;
			case STATUS_CODE_UNSET, UNRECOGNIZED -> StatusCode.UNSET;
		};
		return new SpanStatus(code, status.getMessage());
	}

	private static String required(String field, String value) {
		if (value == null) {
			throw new IllegalArgumentException(field + " is required");
		}
		return value;
	}

}
