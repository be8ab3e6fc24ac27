package io.panopticon.common.telemetry;

import java.util.Map;

/**
 * A reference from a span to a span of another (or the same) trace, for example the
 * producer of a batch a consumer span processes.
 *
 * @param traceId the linked trace id, 16 or 32 hex digits, stored in lower case
 * @param spanId the linked span id, 16 hex digits, stored in lower case
 * @param attributes details of the link, insertion ordered; never {@code null}, empty
 * when the producer sent none
 */
public record SpanLink(String traceId, String spanId, Map<String, Object> attributes) {

	/**
	 * Validates and normalises the link.
	 * @throws IllegalArgumentException if an id is malformed
	 */
	public SpanLink {
		traceId = Ids.requireTraceId(traceId, "traceId");
		spanId = Ids.requireSpanId(spanId, "spanId");
		attributes = Attributes.copyOf(attributes);
	}

	/**
	 * Returns a link without attributes.
	 * @param traceId the linked trace id
	 * @param spanId the linked span id
	 * @return the link
	 */
	public static SpanLink of(String traceId, String spanId) {
		return new SpanLink(traceId, spanId, null);
	}

}
