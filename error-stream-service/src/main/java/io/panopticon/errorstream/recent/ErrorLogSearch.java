package io.panopticon.errorstream.recent;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.panopticon.errorstream.log.ErrorLog;
import io.panopticon.errorstream.log.ErrorLogJson;
import io.panopticon.storage.StorageClient;
import io.panopticon.storage.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Runs {@link RecentSearch} against Elasticsearch and reads the hits back as error logs,
 * oldest first, with the document ids the stream uses.
 */
class ErrorLogSearch {

	private static final Logger log = LoggerFactory.getLogger(ErrorLogSearch.class);

	private final StorageClient storage;

	private final Clock clock;

	ErrorLogSearch(StorageClient storage, Clock clock) {
		this.storage = storage;
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
		JsonNode answer = this.storage.search(String.join(",", search.indices()), search.body());
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

}
