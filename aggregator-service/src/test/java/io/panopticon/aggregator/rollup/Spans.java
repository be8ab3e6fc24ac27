package io.panopticon.aggregator.rollup;

import java.time.Instant;

import io.panopticon.common.telemetry.Span;
import io.panopticon.common.telemetry.SpanKind;
import io.panopticon.common.telemetry.SpanStatus;
import io.panopticon.common.telemetry.StatusCode;

/**
 * Hand-made spans for traces whose shape a test decides.
 */
final class Spans {

	private Spans() {
	}

	/**
	 * A span.
	 * @param traceId trace id (32 hex digits)
	 * @param spanId span id (16 hex digits)
	 * @param parentSpanId parent or {@code null}
	 * @param kind the kind
	 * @param service the service
	 * @param start the start
	 * @param durationMicros the duration
	 * @param peerService peer service or {@code null}
	 * @param error whether the status is ERROR
	 * @return the span
	 */
	static Span span(String traceId, String spanId, String parentSpanId, SpanKind kind, String service, Instant start,
			long durationMicros, String peerService, boolean error) {
		return Span.builder()
			.traceId(traceId)
			.spanId(spanId)
			.parentSpanId(parentSpanId)
			.name(kind.name().toLowerCase() + " of " + service)
			.kind(kind)
			.serviceName(service)
			.environment("prod")
			.startTimeMicros(SpanFixtures.micros(start))
			.durationMicros(durationMicros)
			.peerService(peerService)
			.status(error ? new SpanStatus(StatusCode.ERROR, "failed") : SpanStatus.UNSET)
			.build();
	}

	static String id(long value) {
		return String.format("%016x", value);
	}

	static String traceId(long value) {
		return String.format("%016x%016x", 0xabcdefL, value);
	}

}
