package io.panopticon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what landed in the test cluster, the way an operator would: refresh, count,
 * search. For integration tests to check what the code under test stored; sends plain
 * {@code application/json}, which every backend accepts.
 */
public final class EsProbe {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String LENIENT = "?ignore_unavailable=true&allow_no_indices=true";

	private static final long POLL_MILLIS = 250;

	private final HttpClient http = HttpClient.newHttpClient();

	private final String url;

	/**
	 * Creates a probe.
	 * @param url the cluster's URL
	 */
	public EsProbe(String url) {
		this.url = url;
	}

	/**
	 * Returns a probe of the shared test cluster.
	 * @return the probe
	 */
	public static EsProbe ofTestServer() {
		return new EsProbe(TestServers.elasticsearchUrl());
	}

	/**
	 * Counts documents matching a {@code query_string} query, after a refresh.
	 * @param indexPattern for example {@code traces-apm-*}
	 * @param query the query
	 * @return the count
	 */
	public long count(String indexPattern, String query) {
		request("POST", "/" + indexPattern + "/_refresh" + LENIENT, null);
		return request("POST", "/" + indexPattern + "/_count" + LENIENT, "{\"query\":" + queryString(query) + "}")
			.path("count")
			.asLong();
	}

	/**
	 * Waits until the count satisfies the condition.
	 * @param indexPattern the indices
	 * @param query a {@code query_string} query
	 * @param done when to stop
	 * @param timeout how long to wait at most
	 * @return the last count, whether it satisfies the condition or not
	 */
	public long awaitCount(String indexPattern, String query, LongPredicate done, Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		long count = count(indexPattern, query);
		while (!done.test(count) && Instant.now().isBefore(deadline)) {
			sleep();
			count = count(indexPattern, query);
		}
		return count;
	}

	/**
	 * Returns the first hit of a {@code query_string} query.
	 * @param indexPattern the indices
	 * @param query the query
	 * @return the hit, or a missing node
	 */
	public JsonNode first(String indexPattern, String query) {
		return request("POST", "/" + indexPattern + "/_search?ignore_unavailable=true",
				"{\"size\":1,\"query\":" + queryString(query) + "}")
			.at("/hits/hits/0");
	}

	/**
	 * Returns the sources of the documents matching a query, after a refresh.
	 * @param indexPattern the indices
	 * @param query the query, JSON
	 * @return the sources, up to 10,000
	 */
	public List<JsonNode> search(String indexPattern, String query) {
		request("POST", "/" + indexPattern + "/_refresh" + LENIENT, null);
		JsonNode body = request("POST", "/" + indexPattern + "/_search" + LENIENT,
				"{\"size\":10000,\"query\":" + query + "}");
		List<JsonNode> sources = new ArrayList<>();
		for (JsonNode hit : body.at("/hits/hits")) {
			sources.add(hit.path("_source"));
		}
		return sources;
	}

	/**
	 * Waits until at least {@code expected} documents match a query and returns them.
	 * @param indexPattern the indices
	 * @param query the query, JSON
	 * @param expected how many to wait for
	 * @param timeout how long to wait at most
	 * @return the sources found last
	 */
	public List<JsonNode> awaitSearch(String indexPattern, String query, int expected, Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		List<JsonNode> found = search(indexPattern, query);
		while (found.size() < expected && Instant.now().isBefore(deadline)) {
			sleep();
			found = search(indexPattern, query);
		}
		return found;
	}

	/**
	 * Returns a {@code query_string} query.
	 * @param query the query text
	 * @return the query, JSON
	 */
	public static String queryString(String query) {
		return "{\"query_string\":{\"query\":" + JSON.writeValueAsString(query) + "}}";
	}

	/**
	 * Sends a request and returns its JSON answer, whatever its status.
	 * @param method the HTTP method
	 * @param path the path and query
	 * @param json the body, or {@code null}
	 * @return the answer
	 */
	public JsonNode request(String method, String path, String json) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.url + path))
			.timeout(Duration.ofSeconds(30))
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)
							: HttpRequest.BodyPublishers.noBody())
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
		sleep(POLL_MILLIS);
	}

	/**
	 * Sleeps, turning an interrupt into an unchecked failure: for tests that must let
	 * time pass while a service works.
	 * @param millis how long
	 */
	public static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
