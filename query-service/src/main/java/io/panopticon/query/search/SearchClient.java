package io.panopticon.query.search;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Response;
import co.elastic.clients.transport.rest5_client.low_level.ResponseException;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Runs searches with the low-level Elasticsearch client that Spring Boot configures.
 * <p>
 * Failures are sorted by whose they are: a store that cannot be reached or is overloaded
 * (no answer, 429, 502, 503, 504) is a {@link StorageUnavailableException}, which the
 * caller sees as a 503; any other error answer means the request was wrong, which is this
 * service's fault and surfaces as a 500 with the details in the log. The 9.x
 * {@link Rest5Client} returns 4xx answers as ordinary responses and throws only for 5xx
 * ones, so both paths are checked.
 * <p>
 * Thread-safe. Construction does no I/O.
 */
public class SearchClient {

	private static final Logger log = LoggerFactory.getLogger(SearchClient.class);

	private static final ContentType NDJSON = ContentType.create("application/x-ndjson", StandardCharsets.UTF_8);

	private static final int MAX_ERROR_TEXT = 1000;

	private final Rest5Client client;

	/**
	 * @param client the client
	 */
	public SearchClient(Rest5Client client) {
		this.client = client;
	}

	/**
	 * Runs one search.
	 * @param search the search
	 * @return what it found
	 * @throws StorageUnavailableException if Elasticsearch did not answer or is
	 * overloaded
	 */
	public SearchResponse search(SearchRequest search) {
		Request request = new Request("POST", search.path());
		for (Map.Entry<String, String> parameter : search.parameters().entrySet()) {
			request.addParameter(parameter.getKey(), parameter.getValue());
		}
		request.setJsonEntity(search.body());
		return SearchResponse.of(perform(request, "_search"));
	}

	/**
	 * Runs several searches in one round trip.
	 * @param searches the searches
	 * @return what each found, in the order of the searches
	 * @throws StorageUnavailableException if Elasticsearch did not answer or is
	 * overloaded, for the whole request or one of its searches
	 */
	public List<SearchResponse> multiSearch(MultiSearchRequest searches) {
		Request request = new Request("POST", searches.path());
		request.setEntity(new StringEntity(searches.body(), NDJSON));
		JsonNode json = perform(request, "_msearch");
		List<SearchResponse> responses = new ArrayList<>();
		for (JsonNode response : json.path("responses")) {
			if (response.has("error")) {
				throw failure(response.path("status").asInt(500), "_msearch entry", response.path("error").toString());
			}
			responses.add(SearchResponse.of(response));
		}
		if (responses.size() != searches.searches().size()) {
			throw new IllegalStateException("_msearch answered " + responses.size() + " responses to "
					+ searches.searches().size() + " searches");
		}
		return responses;
	}

	private JsonNode perform(Request request, String what) {
		Response response;
		try {
			response = this.client.performRequest(request);
		}
		catch (ResponseException ex) {
			throw failure(ex.getResponse().getStatusCode(), what, ex.getMessage());
		}
		catch (IOException ex) {
			log.warn("Elasticsearch did not answer a {}: {}", what, ex.toString());
			throw new StorageUnavailableException("no answer to " + what, ex);
		}
		int status = response.getStatusCode();
		try (InputStream body = response.getEntity().getContent()) {
			if (status < 200 || status >= 300) {
				throw failure(status, what, new String(body.readNBytes(MAX_ERROR_TEXT), StandardCharsets.UTF_8));
			}
			return Query.JSON.readTree(body);
		}
		catch (IOException | JacksonException ex) {
			log.warn("Could not read the answer to a {}: {}", what, ex.toString());
			throw new StorageUnavailableException("unreadable answer to " + what, ex);
		}
	}

	private static RuntimeException failure(int status, String what, String text) {
		String shortText = (text.length() > MAX_ERROR_TEXT) ? text.substring(0, MAX_ERROR_TEXT) + "..." : text;
		if (status == 429 || status == 502 || status == 503 || status == 504) {
			log.warn("Elasticsearch answered {} to a {}: {}", status, what, shortText);
			return new StorageUnavailableException("status " + status, null);
		}
		return new IllegalStateException("Elasticsearch answered " + status + " to a " + what + ": " + shortText);
	}

}
