package io.panopticon.ingest.receiver;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.panopticon.testing.EsProbe;
import tools.jackson.databind.JsonNode;

/**
 * Where the receiver tests look for what they sent: the stored span and log documents.
 * <p>
 * The whole way on to query-service's {@code GET /api/traces/{traceId}} is checked in
 * query-service, by {@code io.panopticon.query.OpenTelemetryEndToEndIT}, which runs this
 * service's jar: these tests cannot run query-service, whose build depends on this one.
 */
final class ElasticsearchTraces {

	static final Duration WAIT = Duration.ofSeconds(60);

	private final EsProbe probe;

	ElasticsearchTraces(String url) {
		this.probe = new EsProbe(url);
	}

	/**
	 * Waits until a trace has at least {@code spans} spans stored and returns them.
	 * @param traceId the trace
	 * @param spans how many spans to wait for
	 * @return the span documents, keyed by {@code spanId + "/" + kind} (a Zipkin client
	 * and server half share a span id)
	 */
	Map<String, JsonNode> awaitTrace(String traceId, int spans) {
		List<JsonNode> found = this.probe.awaitSearch("traces-apm-*", "{\"term\":{\"traceId\":\"" + traceId + "\"}}",
				spans, WAIT);
		Map<String, JsonNode> byId = new LinkedHashMap<>();
		for (JsonNode span : found) {
			byId.put(span.path("spanId").asString() + "/" + span.path("kind").asString(), span);
		}
		return byId;
	}

	/**
	 * Waits until at least {@code expected} documents match a query_string query and
	 * returns them.
	 * @param indexPattern for example {@code logs-apm-*}
	 * @param query a query_string query
	 * @param expected how many to wait for
	 * @return the documents' sources (all of them, up to 10,000)
	 */
	List<JsonNode> await(String indexPattern, String query, int expected) {
		return this.probe.awaitSearch(indexPattern, EsProbe.queryString(query), expected, WAIT);
	}

}
