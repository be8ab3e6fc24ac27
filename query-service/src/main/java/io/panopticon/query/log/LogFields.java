package io.panopticon.query.log;

/**
 * Field names of the log documents ingest-service writes ({@code docs/formats.md}, "Log
 * document").
 */
public final class LogFields {

	public static final String TIMESTAMP_MICROS = "timestampMicros";

	public static final String SERVICE_NAME = "serviceName";

	public static final String ENVIRONMENT = "environment";

	public static final String LEVEL = "level";

	public static final String MESSAGE = "message";

	public static final String TRACE_ID = "traceId";

	public static final String SPAN_ID = "spanId";

	public static final String ATTRIBUTES = "attributes";

	private LogFields() {
	}

}
