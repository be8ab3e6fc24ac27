package io.panopticon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for integration tests that call a running service the way an
 * outside client would: real sockets, real headers, JSON bodies read as trees.
 */
public final class ServiceClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	/**
	 * @param port the service's HTTP port on 127.0.0.1
	 */
	public ServiceClient(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	/** GET without a token. */
	public Response get(String path) {
		return send("GET", path, null, null);
	}

	/** GET with {@code Authorization: Bearer <token>} (none when token is null). */
	public Response get(String path, String token) {
		return send("GET", path, token, null);
	}

	/** A request with an optional bearer token and an optional JSON body. */
	public Response send(String method, String path, String token, String jsonBody) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, (jsonBody != null) ? HttpRequest.BodyPublishers.ofString(jsonBody)
					: HttpRequest.BodyPublishers.noBody());
		if (jsonBody != null) {
			request.header("Content-Type", "application/json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body());
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
	 * What the service answered.
	 *
	 * @param status the HTTP status
	 * @param contentType the Content-Type header, or empty
	 * @param body the body as text
	 */
	public record Response(int status, String contentType, String body) {

		/** The body parsed as JSON. */
		public JsonNode json() {
			return JSON.readTree(this.body);
		}

	}

}
