package io.panopticon.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Response;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import tools.jackson.databind.JsonNode;

/**
 * Plain requests against the shared test Elasticsearch, for integration tests to set up
 * and inspect what the code under test did. Sends {@code application/json}, which
 * Elasticsearch 8.19 and 9.x both accept.
 */
public final class RawElasticsearch implements AutoCloseable {

	private final Rest5Client client = Rest5Client.builder(URI.create(TestServers.elasticsearchUrl())).build();

	/**
	 * Returns the client, for code under test that takes one.
	 * @return the client
	 */
	public Rest5Client client() {
		return this.client;
	}

	/**
	 * Sends a request and returns the status and JSON body, whatever the status.
	 * @param method the HTTP method
	 * @param path the path and query
	 * @param body the body, or {@code null}
	 * @param contentType the body's type
	 * @return the answer
	 */
	public Answer send(String method, String path, byte[] body, ContentType contentType) {
		Request request = new Request(method, path);
		if (body != null) {
			request.setEntity(new ByteArrayEntity(body, contentType));
		}
		try {
			Response response = this.client.performRequest(request);
			JsonNode json = null;
			if (response.getEntity() != null) {
				try (InputStream in = response.getEntity().getContent()) {
					byte[] bytes = in.readAllBytes();
					json = (bytes.length > 0) ? JsonText.parse(bytes) : null;
				}
			}
			return new Answer(response.getStatusCode(), json);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Answer send(String method, String path, String json) {
		return send(method, path, (json != null) ? json.getBytes(StandardCharsets.UTF_8) : null,
				ContentType.APPLICATION_JSON);
	}

	public Answer send(String method, String path) {
		return send(method, path, (byte[]) null, ContentType.APPLICATION_JSON);
	}

	public boolean exists(String index) {
		return send("HEAD", "/" + index).status() == 200;
	}

	@Override
	public void close() throws IOException {
		this.client.close();
	}

	/**
	 * An answer.
	 *
	 * @param status the HTTP status
	 * @param json the body, or {@code null} when empty
	 */
	public record Answer(int status, JsonNode json) {

	}

}
