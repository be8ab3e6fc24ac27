package io.panopticon.storage;

/**
 * The field names of span documents ({@code docs/formats.md}, "Span document"): the one
 * place that names them, for the writer ({@link SpanDocuments}), the mapping
 * ({@link IndexTemplates}) and every reader.
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

	/** The start time as a date, for range queries and sorting by time. */
	public static final String TIMESTAMP = "@timestamp";

	public static final String START_TIME_MICROS = "startTimeMicros";

	public static final String END_TIME_MICROS = "endTimeMicros";

	public static final String DURATION_MICROS = "durationMicros";

	/** The index of the duration's bucket in the latency histogram. */
	public static final String LATENCY_BUCKET = "latencyBucket";

	/** The status object, with {@link #CODE} and {@link #MESSAGE}. */
	public static final String STATUS = "status";

	/** The code within {@link #STATUS}. */
	public static final String CODE = "code";

	/** The message within {@link #STATUS}. */
	public static final String MESSAGE = "message";

	/** The status code, as a path for queries. */
	public static final String STATUS_CODE = STATUS + "." + CODE;

	public static final String IS_REQUEST = "isRequest";

	public static final String IS_ERROR = "isError";

	public static final String HTTP_METHOD = "httpMethod";

	public static final String HTTP_ROUTE = "httpRoute";

	public static final String HTTP_STATUS_CODE = "httpStatusCode";

	public static final String PEER_SERVICE = "peerService";

	/** The attributes as {@code key=value} keywords, for search. */
	public static final String ATTRIBUTES = "attributes";

	/** The attributes as an object, stored for display only. */
	public static final String ATTRIBUTE_MAP = "attributeMap";

	public static final String EVENTS = "events";

	/** The time of an event within {@link #EVENTS}. */
	public static final String EVENT_TIME = "time";

	public static final String LINKS = "links";

	public static final String RESOURCE = "resource";

	private SpanFields() {
	}

}
