package io.panopticon.common.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Map;

/**
 * Reads alert-service's JWK set over HTTP ({@code panopticon.jwt.jwks-uri}). Connects
 * only when asked, never at construction.
 */
public final class JwksClient implements KeySource {

	private final URI uri;

	private final Duration timeout;

	private final HttpClient http;

	/**
	 * @param uri the JWK set's address
	 * @param timeout how long a read may take in all
	 */
	public JwksClient(URI uri, Duration timeout) {
		this.uri = uri;
		this.timeout = timeout;
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
	}

	@Override
	public Map<String, PublicKey> keys() throws IOException {
		HttpRequest request = HttpRequest.newBuilder(this.uri)
			.timeout(this.timeout)
			.header("Accept", "application/json")
			.GET()
			.build();
		HttpResponse<String> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while reading " + this.uri, ex);
		}
		if (response.statusCode() != 200) {
			throw new IOException(this.uri + " answered " + response.statusCode());
		}
		try {
			return JwkSet.parse(response.body());
		}
		catch (RuntimeException ex) {
			throw new IOException(this.uri + " sent no readable JWK set: " + ex.getMessage(), ex);
		}
	}

	@Override
	public String toString() {
		return "JWKS " + this.uri;
	}

}
