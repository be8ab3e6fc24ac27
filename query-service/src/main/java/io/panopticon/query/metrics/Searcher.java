package io.panopticon.query.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Response;
import co.elastic.clients.transport.rest5_client.low_level.ResponseException;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import io.panopticon.query.search.StorageUnavailableException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends searches to Elasticsearch as one {@code _msearch} request: one round trip however
 * many searches a query needs, which Elasticsearch then runs in parallel. Thread-safe; no
 * I/O until called.
 */
public final class Searcher {

	private static final Logger log = LoggerFactory.getLogger(Searcher.class);

	private static final ContentType NDJSON = ContentType.create("application/x-ndjson");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Rest5Client client;

	public Searcher(Rest5Client client) {
		this.client = Objects.requireNonNull(client, "client");
	}

	/**
	 * Runs searches.
	 * @param searches the searches
	 * @return their responses, in the same order
	 * @throws TooManyBucketsException if a search exceeded the bucket limit
	 * @throws StorageUnavailableException if Elasticsearch could not be reached or failed
	 * @throws IllegalStateException if Elasticsearch refused a search as malformed
	 */
	public List<JsonNode> search(List<Search> searches) {
		if (searches.isEmpty()) {
			return List.of();
		}
		Request request = new Request("POST", "/_msearch");
		request.setEntity(new ByteArrayEntity(body(searches), NDJSON));
		JsonNode answer;
		try {
			Response response = this.client.performRequest(request);
			try (InputStream in = response.getEntity().getContent()) {
				if (response.getStatusCode() != 200) {
					throw failure(response.getStatusCode(), new String(in.readNBytes(2000), StandardCharsets.UTF_8));
				}
				answer = JSON.readTree(in);
			}
		}
		catch (ResponseException ex) {
			throw failure(ex.getResponse().getStatusCode(), ex.getMessage());
		}
		catch (IOException | JacksonException ex) {
			log.warn("Elasticsearch could not be searched: {}", ex.toString());
			throw new StorageUnavailableException("the search failed", ex);
		}
		List<JsonNode> responses = new ArrayList<>(searches.size());
		for (JsonNode item : answer.path("responses")) {
			JsonNode error = item.get("error");
			if (error != null) {
				String text = error.toString();
				if (text.contains("too_many_buckets_exception")) {
					throw new TooManyBucketsException(error.path("reason").asString(""));
				}
				if (item.path("status").asInt(500) >= 500) {
					log.warn("Elasticsearch failed a search: {}", abbreviate(text));
					throw new StorageUnavailableException("a search failed", new IOException(abbreviate(text)));
				}
				throw new IllegalStateException("Elasticsearch refused a search: " + abbreviate(text));
			}
			responses.add(item);
		}
		if (responses.size() != searches.size()) {
			throw new IllegalStateException(
					"Elasticsearch answered " + responses.size() + " of " + searches.size() + " searches");
		}
		return responses;
	}

	/**
	 * Returns the NDJSON body of an {@code _msearch} request.
	 * @param searches the searches
	 * @return UTF-8 bytes
	 */
	static byte[] body(List<Search> searches) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(1024 * searches.size());
		for (Search search : searches) {
			ObjectNode header = JSON.createObjectNode();
			header.put("index", String.join(",", search.indices()));
			header.put("ignore_unavailable", true);
			header.put("allow_no_indices", true);
			write(out, header);
			write(out, search.body());
		}
		return out.toByteArray();
	}

	private static void write(ByteArrayOutputStream out, JsonNode node) {
		out.writeBytes(JSON.writeValueAsBytes(node));
		out.write('\n');
	}

	private static RuntimeException failure(int status, String text) {
		if (text.contains("too_many_buckets_exception")) {
			return new TooManyBucketsException(abbreviate(text));
		}
		if (status >= 500 || status == 429) {
			log.warn("Elasticsearch answered {} to a search: {}", status, abbreviate(text));
			return new StorageUnavailableException("HTTP " + status, new IOException("HTTP " + status));
		}
		return new IllegalStateException("Elasticsearch refused a search (HTTP " + status + "): " + abbreviate(text));
	}

	private static String abbreviate(String text) {
		return (text.length() <= 500) ? text : text.substring(0, 500) + "...";
	}

}
