package io.panopticon.errorstream.recent;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Response;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import io.panopticon.errorstream.log.ErrorLog;
import io.panopticon.errorstream.log.ErrorLogJson;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs {@link RecentSearch} against Elasticsearch and reads the hits back as error logs,
 * oldest first, with the document ids the stream uses.
 */
class ErrorLogSearch {

	private static final Logger log = LoggerFactory.getLogger(ErrorLogSearch.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Rest5Client client;

	private final Clock clock;

	ErrorLogSearch(Rest5Client client, Clock clock) {
		this.client = client;
		this.clock = clock;
	}

	/**
	 * Finds the recent error logs.
	 * @param query what was asked
	 * @return the error logs and whether more matched
	 * @throws StorageUnavailableException if Elasticsearch could not answer
	 */
	Result search(RecentQuery query) {
		RecentSearch search = RecentSearch.of(query, this.clock.instant());
		if (search.indices().isEmpty()) {
			return new Result(List.of(), false);
		}
		Request request = new Request("POST", search.path());
		request.setEntity(new StringEntity(search.body(), ContentType.APPLICATION_JSON));
		JsonNode answer;
		try {
			Response response = this.client.performRequest(request);
			int status = response.getStatusCode();
			try (InputStream body = response.getEntity().getContent()) {
				answer = JSON.readTree(body);
			}
			if (status >= 500 || status == 429) {
				throw new StorageUnavailableException("Elasticsearch answered " + status);
			}
			if (status < 200 || status >= 300) {
				throw new IllegalStateException(
						"Elasticsearch refused the search with " + status + ": " + answer.path("error").path("reason"));
			}
		}
		catch (IOException ex) {
			throw new StorageUnavailableException("Elasticsearch is unreachable: " + ex.getMessage(), ex);
		}
		JsonNode hits = answer.path("hits").path("hits");
		List<ErrorLog> logs = new ArrayList<>(hits.size());
		for (JsonNode hit : hits) {
			try {
				logs.add(ErrorLogJson.fromDocument(hit.path("_id").asString(), hit.path("_source")));
			}
			catch (IllegalArgumentException ex) {
				log.warn("Skipping log document {} of {}: {}", hit.path("_id").asString(),
						hit.path("_index").asString(), ex.getMessage());
			}
		}
		// Newest first from Elasticsearch; the client wants them in the order of the
		// stream.
		Collections.reverse(logs);
		long total = answer.path("hits").path("total").path("value").asLong(0);
		return new Result(logs, total > query.limit());
	}

	/**
	 * @param errorLogs the error logs, oldest first
	 * @param truncated whether more matched than the limit (the oldest were left out)
	 */
	record Result(List<ErrorLog> errorLogs, boolean truncated) {
	}

	/** Elasticsearch could not be asked; answered 503. */
	static class StorageUnavailableException extends RuntimeException {

		StorageUnavailableException(String message) {
			super(message);
		}

		StorageUnavailableException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
