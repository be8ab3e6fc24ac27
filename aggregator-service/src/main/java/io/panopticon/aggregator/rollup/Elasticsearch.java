package io.panopticon.aggregator.rollup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Response;
import co.elastic.clients.transport.rest5_client.low_level.ResponseException;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The few Elasticsearch calls the aggregator makes, over the low-level client: search,
 * {@code _bulk}, refresh, and template installation (no delete-by-query, which needs the
 * reindex module that not every distribution has). Every non-2xx answer becomes an
 * {@link ElasticsearchException} naming the error type (the 9.x {@link Rest5Client}
 * returns 4xx answers as ordinary responses). Searches and the other calls on index
 * patterns ignore missing indices: a minute without spans has no index.
 * <p>
 * Thread-safe.
 */
public final class Elasticsearch {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final ContentType NDJSON = ContentType.create("application/x-ndjson", StandardCharsets.UTF_8);

	private final Rest5Client client;

	/**
	 * Creates the calls over a client.
	 * @param client the low-level client
	 */
	public Elasticsearch(Rest5Client client) {
		this.client = Objects.requireNonNull(client, "client");
	}

	/**
	 * Runs a search.
	 * @param targets comma-separated indices or patterns
	 * @param body the request body
	 * @return the response
	 */
	JsonNode search(String targets, String body) {
		Request request = new Request("POST", "/" + targets + "/_search");
		lenient(request);
		request.setJsonEntity(body);
		return JSON.readTree(perform(request));
	}

	/**
	 * Sends a {@code _bulk} request and fails if any item failed; a delete of a document
	 * that is not there counts as done.
	 * @param ndjson the body
	 */
	void bulk(byte[] ndjson) {
		Request request = new Request("POST", "/_bulk");
		// Successful items are left out of the answer, which stays small.
		request.addParameter("filter_path", "errors,items.*.error,items.*.status");
		request.setEntity(new ByteArrayEntity(ndjson, NDJSON));
		JsonNode answer = JSON.readTree(perform(request));
		if (!answer.path("errors").asBoolean()) {
			return;
		}
		int failed = 0;
		JsonNode first = null;
		for (JsonNode item : answer.path("items")) {
			for (JsonNode result : item) {
				if (result.has("error")) {
					failed++;
					first = (first != null) ? first : result.path("error");
				}
			}
		}
		if (failed > 0) {
			throw new ElasticsearchException(first.path("type").asString("unknown"),
					failed + " bulk items failed, the first with " + first.path("type").asString() + ": "
							+ first.path("reason").asString());
		}
	}

	/**
	 * Makes what was written to some indices searchable.
	 * @param targets comma-separated indices or patterns
	 */
	void refresh(String targets) {
		Request request = new Request("POST", "/" + targets + "/_refresh");
		lenient(request);
		perform(request);
	}

	/**
	 * Creates or replaces a composable index template.
	 * @param name the template name
	 * @param body the template
	 */
	void putIndexTemplate(String name, String body) {
		Request request = new Request("PUT", "/_index_template/" + name);
		request.setJsonEntity(body);
		perform(request);
	}

	/**
	 * Adds fields to the mappings of existing indices; nothing when none match.
	 * @param targets comma-separated indices or patterns
	 * @param body the {@code PUT _mapping} body
	 */
	void putMapping(String targets, String body) {
		Request request = new Request("PUT", "/" + targets + "/_mapping");
		lenient(request);
		request.setJsonEntity(body);
		perform(request);
	}

	private static void lenient(Request request) {
		request.addParameter("ignore_unavailable", "true");
		request.addParameter("allow_no_indices", "true");
	}

	private byte[] perform(Request request) {
		Response response;
		try {
			response = this.client.performRequest(request);
		}
		catch (ResponseException ex) {
			response = ex.getResponse();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Elasticsearch unreachable for " + request.getMethod() + " "
					+ request.getEndpoint() + ": " + ex.getMessage(), ex);
		}
		byte[] body;
		try {
			body = (response.getEntity() != null) ? EntityUtils.toByteArray(response.getEntity()) : new byte[0];
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not read the answer of Elasticsearch: " + ex.getMessage(), ex);
		}
		int status = response.getStatusCode();
		if (status < 200 || status >= 300) {
			throw ElasticsearchException.of(request.getMethod() + " " + request.getEndpoint(), status, body);
		}
		return body;
	}

}
