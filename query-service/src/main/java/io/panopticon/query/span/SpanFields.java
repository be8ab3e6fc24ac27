package io.panopticon.query.span;

/**
 * Field names of the span documents ingest-service writes ({@code docs/formats.md}, "Span
 * document").
 */
public final class SpanFields {

	public static final String TRACE_ID = "traceId";

	public static final String SPAN_ID = "spanId";

	public static final String PARENT_SPAN_ID = "parentSpanId";

	public static final String NAME = "name";

	public static final String KIND = "kind";

	public static final String SERVICE_NAME = "serviceName";

	public static final String ENVIRONMENT = "environment";

	public static final String ENDPOINT = "endpoint";

	public static final String START_TIME_MICROS = "startTimeMicros";

	public static final String END_TIME_MICROS = "endTimeMicros";

	public static final String DURATION_MICROS = "durationMicros";

	public static final String STATUS_CODE = "status.code";

	public static final String IS_REQUEST = "isRequest";

	public static final String IS_ERROR = "isError";

	public static final String ATTRIBUTES = "attributes";

	private SpanFields() {
	}

}
