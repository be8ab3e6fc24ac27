package io.panopticon.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.LongPredicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plain HTTP calls of the tests: to the service under test (with the response headers,
 * which {@code ServiceClient} does not keep) and to Elasticsearch.
 */
final class HttpProbe {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	HttpProbe(String base) {
		this.base = base;
	}

	Answer get(String path, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(60))
			.GET();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return send(request.build());
	}

	Answer post(String path, String json) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	/** Counts documents in Elasticsearch, after a refresh. */
	long count(String index, String query) {
		post("/" + index + "/_refresh?ignore_unavailable=true&allow_no_indices=true", "{}");
		Answer answer = post("/" + index + "/_count?ignore_unavailable=true&allow_no_indices=true",
				"{\"query\":" + query + "}");
		return answer.json().path("count").asLong();
	}

	/** Waits until a count satisfies {@code done}; returns the last count. */
	long awaitCount(String index, String query, LongPredicate done, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		long count = count(index, query);
		while (!done.test(count) && System.nanoTime() < deadline) {
			sleep(1_000);
			count = count(index, query);
		}
		return count;
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

	private Answer send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.headers().firstValue("X-Cache").orElse(null),
					response.headers().firstValue("X-Query-Plan").orElse(null),
					response.headers().firstValue("Content-Type").orElse(""), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(request.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An HTTP answer.
	 */
	record Answer(int status, String cache, String plan, String contentType, String body) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

	}

}
