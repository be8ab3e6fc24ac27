package io.panopticon.ingest.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongPredicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what landed in Elasticsearch, the way an operator would: refresh, count, get,
 * search.
 */
final class EsProbe {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String url;

	EsProbe(String url) {
		this.url = url;
	}

	/** Documents in the index pattern matching a query_string query (after a refresh). */
	long count(String indexPattern, String query) {
		request("POST", "/" + indexPattern + "/_refresh?ignore_unavailable=true&allow_no_indices=true", null);
		JsonNode body = request("POST", "/" + indexPattern + "/_count?ignore_unavailable=true&allow_no_indices=true",
				"{\"query\":{\"query_string\":{\"query\":" + JSON.writeValueAsString(query) + "}}}");
		return body.path("count").asLong();
	}

	/**
	 * Waits until the count satisfies the condition; returns the last count either way.
	 */
	long awaitCount(String indexPattern, String query, LongPredicate done, Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		long count = count(indexPattern, query);
		while (!done.test(count) && Instant.now().isBefore(deadline)) {
			sleep(250);
			count = count(indexPattern, query);
		}
		return count;
	}

	/** The first hit's source for a query_string query, or a missing node. */
	JsonNode first(String indexPattern, String query) {
		JsonNode body = request("POST", "/" + indexPattern + "/_search?ignore_unavailable=true",
				"{\"size\":1,\"query\":{\"query_string\":{\"query\":" + JSON.writeValueAsString(query) + "}}}");
		return body.at("/hits/hits/0");
	}

	JsonNode request(String method, String path, String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.url + path))
			.timeout(Duration.ofSeconds(30))
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody())
			.header("Content-Type", "application/json");
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return JSON.readTree(response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
