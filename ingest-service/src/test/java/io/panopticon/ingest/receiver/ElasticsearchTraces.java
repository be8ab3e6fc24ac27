package io.panopticon.ingest.receiver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the receiver tests look for what they sent: the stored span and log documents.
 * <p>
 * The whole way on to query-service's {@code GET /api/traces/{traceId}} is checked in
 * query-service, by {@code io.panopticon.query.OpenTelemetryEndToEndIT}, which runs this
 * service's jar: these tests cannot run query-service, whose build depends on this one.
 */
final class ElasticsearchTraces {

	static final Duration WAIT = Duration.ofSeconds(60);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String url;

	ElasticsearchTraces(String url) {
		this.url = url;
	}

	/**
	 * Waits until a trace has at least {@code spans} spans stored and returns them.
	 * @param traceId the trace
	 * @param spans how many spans to wait for
	 * @return the span documents, keyed by {@code spanId + "/" + kind} (a Zipkin client
	 * and server half share a span id)
	 */
	Map<String, JsonNode> awaitTrace(String traceId, int spans) {
		Instant deadline = Instant.now().plus(WAIT);
		List<JsonNode> found = search("traces-apm-*", "{\"term\":{\"traceId\":\"" + traceId + "\"}}");
		while (found.size() < spans && Instant.now().isBefore(deadline)) {
			sleep();
			found = search("traces-apm-*", "{\"term\":{\"traceId\":\"" + traceId + "\"}}");
		}
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
		String clause = "{\"query_string\":{\"query\":" + JSON.writeValueAsString(query) + "}}";
		Instant deadline = Instant.now().plus(WAIT);
		List<JsonNode> found = search(indexPattern, clause);
		while (found.size() < expected && Instant.now().isBefore(deadline)) {
			sleep();
			found = search(indexPattern, clause);
		}
		return found;
	}

	private List<JsonNode> search(String indexPattern, String query) {
		request("POST", "/" + indexPattern + "/_refresh?ignore_unavailable=true&allow_no_indices=true", null);
		JsonNode body = request("POST", "/" + indexPattern + "/_search?ignore_unavailable=true&allow_no_indices=true",
				"{\"size\":10000,\"query\":" + query + "}");
		List<JsonNode> sources = new ArrayList<>();
		for (JsonNode hit : body.at("/hits/hits")) {
			sources.add(hit.path("_source"));
		}
		return sources;
	}

	private JsonNode request(String method, String path, String json) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.url + path))
			.timeout(Duration.ofSeconds(30))
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody())
			.header("Content-Type", "application/json")
			.build();
		try {
			return JSON.readTree(this.http.send(request, HttpResponse.BodyHandlers.ofString()).body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(300);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
