package io.panopticon.errorstream.log;

import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * One error log (an ERROR or FATAL log event) as the error stream delivers it: the
 * normalised log event ingest-service published to {@code apm.logs.error}, with the id of
 * its document in {@code logs-apm-*}.
 *
 * @param id the Elasticsearch document id; clients de-duplicate by it
 * @param timestampMicros when it was logged, in microseconds since the epoch
 * @param serviceName the service that logged it
 * @param environment the deployment environment, or {@code null}
 * @param level {@code ERROR} or {@code FATAL}
 * @param message the message
 * @param traceId the trace it belongs to, or {@code null}
 * @param spanId the span it belongs to, or {@code null}
 * @param attributes its attributes as a JSON object, possibly empty; never {@code null}
 */
public record ErrorLog(String id, long timestampMicros, String serviceName, String environment, String level,
		String message, String traceId, String spanId, JsonNode attributes) {

	public ErrorLog {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(serviceName, "serviceName");
		Objects.requireNonNull(level, "level");
		Objects.requireNonNull(message, "message");
		Objects.requireNonNull(attributes, "attributes");
	}

}
