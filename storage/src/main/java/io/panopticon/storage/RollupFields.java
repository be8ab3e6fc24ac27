package io.panopticon.storage;

/**
 * The field names of rollup and marker documents ({@code docs/formats.md}, "Rollup
 * documents"): the one place that names them, for the writer ({@link RollupDocuments}),
 * the mapping ({@link RollupTemplate}) and every reader.
 */
public final class RollupFields {

	/** The start of the rolled-up minute or hour, as a date. */
	public static final String TIMESTAMP = "@timestamp";

	/** {@code 1m} or {@code 1h}. */
	public static final String RESOLUTION = "resolution";

	/** What the document sums up: a service, an endpoint, an edge, or a marker. */
	public static final String KIND = "kind";

	public static final String SERVICE_NAME = "serviceName";

	public static final String ENVIRONMENT = "environment";

	public static final String ENDPOINT = "endpoint";

	public static final String HTTP_METHOD = "httpMethod";

	/** The called service of an edge. */
	public static final String CALLEE = "callee";

	public static final String REQUESTS = "requests";

	public static final String ERRORS = "errors";

	public static final String DURATION_MIN_MICROS = "durationMinMicros";

	public static final String DURATION_MAX_MICROS = "durationMaxMicros";

	public static final String DURATION_SUM_MICROS = "durationSumMicros";

	/** The latency histogram, nested: one object per bucket. */
	public static final String LATENCY = "latency";

	/** The bucket index within {@link #LATENCY}. */
	public static final String BUCKET = "bucket";

	/** The count within {@link #LATENCY}. */
	public static final String COUNT = "count";

	/** The bucket index, as a path for queries. */
	public static final String LATENCY_BUCKET = LATENCY + "." + BUCKET;

	/** The count, as a path for queries. */
	public static final String LATENCY_COUNT = LATENCY + "." + COUNT;

	/** The same histogram, packed, in doc values. */
	public static final String LATENCY_HISTOGRAM = "latencyHistogram";

	public static final String ROLLED_AT = "rolledAt";

	/** Of a marker: the spans the rolled-up period held. */
	public static final String SPANS = "spans";

	/** Of a marker: the spans of the late-span window. */
	public static final String WINDOW_SPANS = "windowSpans";

	private RollupFields() {
	}

}
