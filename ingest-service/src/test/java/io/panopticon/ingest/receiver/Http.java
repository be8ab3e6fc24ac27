package io.panopticon.ingest.receiver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Raw HTTP requests with any body and headers, as a telemetry client sends them. */
final class Http {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private Http() {
	}

	/**
	 * POSTs a body.
	 * @param url the URL
	 * @param body the body
	 * @param headers header names and values, alternating
	 * @return the answer
	 */
	static Answer post(String url, byte[] body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request.build());
	}

	static Answer get(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build());
	}

	private static Answer send(HttpRequest request) {
		try {
			HttpResponse<byte[]> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
			return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.headers().firstValue("Retry-After").orElse(null), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An answer.
	 *
	 * @param status the status
	 * @param contentType the Content-Type, or empty
	 * @param retryAfter the Retry-After header, or {@code null}
	 * @param body the body
	 */
	record Answer(int status, String contentType, String retryAfter, byte[] body) {

		String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		JsonNode json() {
			return JSON.readTree(this.body);
		}

	}

}
