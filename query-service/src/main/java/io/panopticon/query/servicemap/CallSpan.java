package io.panopticon.query.servicemap;

/**
 * The fields of a raw span that linking calls between services needs.
 *
 * @param traceId the trace
 * @param spanId the span
 * @param parentSpanId its parent, or {@code null} for a root
 * @param service the service that recorded it
 * @param environment its environment, or {@code null}
 * @param kind {@code SERVER}, {@code CLIENT}, {@code PRODUCER}, {@code CONSUMER} or
 * {@code INTERNAL}
 * @param error whether it is an error
 * @param durationMicros its duration
 * @param latencyBucket its latency histogram bucket
 * @param peerService the service it calls as the caller names it, or {@code null}
 * @param timestampMillis its start, epoch milliseconds
 */
record CallSpan(String traceId, String spanId, String parentSpanId, String service, String environment, String kind,
		boolean error, long durationMicros, int latencyBucket, String peerService, long timestampMillis) {

	boolean isCaller() {
		return "CLIENT".equals(this.kind) || "PRODUCER".equals(this.kind);
	}

	boolean isCallee() {
		return "SERVER".equals(this.kind) || "CONSUMER".equals(this.kind);
	}

	String key() {
		return this.traceId + '/' + this.spanId;
	}

	String parentKey() {
		return (this.parentSpanId != null) ? this.traceId + '/' + this.parentSpanId : null;
	}

}
