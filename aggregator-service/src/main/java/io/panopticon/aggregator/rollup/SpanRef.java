package io.panopticon.aggregator.rollup;

import io.panopticon.common.telemetry.SpanKind;

/**
 * What the service-map join knows of a span: its place in the trace, its service, and the
 * figures of the call it may measure.
 *
 * @param traceId the trace id
 * @param spanId the span id
 * @param parentSpanId the parent's span id, or {@code null} for a root span
 * @param kind the kind
 * @param serviceName the service that recorded it
 * @param environment its environment, or {@code null}
 * @param peerService the peer service of a client or producer span, or {@code null}
 * @param startMillis its start ({@code @timestamp}), epoch milliseconds
 * @param durationMicros its duration
 * @param latencyBucket its latency bucket
 * @param error whether it is an error
 */
record SpanRef(String traceId, String spanId, String parentSpanId, SpanKind kind, String serviceName,
		String environment, String peerService, long startMillis, long durationMicros, int latencyBucket,
		boolean error) {

	/**
	 * Returns whether the span is the calling side of a call to another process.
	 * @return for CLIENT and PRODUCER spans
	 */
	boolean isCaller() {
		return this.kind == SpanKind.CLIENT || this.kind == SpanKind.PRODUCER;
	}

	/**
	 * Returns whether the span is the called side of a call from another process.
	 * @return for SERVER and CONSUMER spans
	 */
	boolean isCallee() {
		return this.kind == SpanKind.SERVER || this.kind == SpanKind.CONSUMER;
	}

}
