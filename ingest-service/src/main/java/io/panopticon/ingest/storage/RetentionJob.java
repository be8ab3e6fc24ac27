package io.panopticon.ingest.storage;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Response;
import co.elastic.clients.transport.rest5_client.low_level.ResponseException;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import io.panopticon.common.storage.IndexFamily;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Enforces retention by deleting whole time-based indices: an index is deleted once every
 * event it can hold is older than its family's retention
 * ({@link IndexFamily#isEntirelyBefore} with {@code now - retention}). Deleting an index
 * is far cheaper than deleting documents, and needs no ILM, which not every cluster has.
 * <p>
 * Safe by construction: only open, non-hidden indices whose names parse as a dated index
 * of a family are considered, so foreign and misnamed indices, data streams and their
 * backing indices are never touched; and because retention is positive, the cutoff lies
 * before now, so the current day's (month's) index, which ends after now, is never
 * deleted. Several instances may run it at once: an index another instance deleted first
 * is simply gone.
 * <p>
 * Not thread-safe against itself; the scheduler runs it on one thread.
 */
final class RetentionJob implements Runnable {

	private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Rest5Client client;

	private final Map<IndexFamily, Duration> retention;

	private final Clock clock;

	/**
	 * Creates the job.
	 * @param client the Elasticsearch client
	 * @param retention the retention of each family; every family must have one
	 * @param clock tells the time
	 * @throws IllegalArgumentException if a family has no retention or a retention is not
	 * positive
	 */
	RetentionJob(Rest5Client client, Map<IndexFamily, Duration> retention, Clock clock) {
		this.client = client;
		this.retention = new EnumMap<>(IndexFamily.class);
		for (IndexFamily family : IndexFamily.values()) {
			Duration duration = retention.get(family);
			if (duration == null || duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException(
						"retention of " + family.pattern() + " must be positive, not " + duration);
			}
			this.retention.put(family, duration);
		}
		this.clock = clock;
	}

	@Override
	public void run() {
		deleteExpiredIndices();
	}

	/**
	 * Deletes the expired indices of every family. Never throws: a family whose indices
	 * cannot be listed, or an index that cannot be deleted, is logged and retried on the
	 * next run.
	 * @return the indices this run deleted
	 */
	List<String> deleteExpiredIndices() {
		Instant now = this.clock.instant();
		List<String> deleted = new ArrayList<>();
		for (Map.Entry<IndexFamily, Duration> entry : this.retention.entrySet()) {
			IndexFamily family = entry.getKey();
			Duration retention = entry.getValue();
			Instant cutoff = now.minus(retention);
			List<String> indices;
			try {
				indices = list(family);
			}
			catch (IOException | RuntimeException ex) {
				log.warn("Retention of {} skipped this time: could not list its indices: {}", family.pattern(),
						ex.toString());
				continue;
			}
			for (String index : indices) {
				if (family.isEntirelyBefore(index, cutoff) && delete(index, retention)) {
					deleted.add(index);
				}
			}
		}
		return deleted;
	}

	private List<String> list(IndexFamily family) throws IOException {
		// The resolve API is the programmatic way to expand a pattern (the _cat
		// APIs are meant for humans); by default it leaves hidden indices out.
		Request request = new Request("GET", "/_resolve/index/" + family.pattern());
		request.addParameter("expand_wildcards", "open");
		Response response = ElasticsearchCalls.perform(this.client, request);
		try (InputStream body = response.getEntity().getContent()) {
			return indexNames(body.readAllBytes());
		}
	}

	/**
	 * Returns the index names of a resolve-index response.
	 * @param json the response body of {@code GET _resolve/index/<pattern>}
	 * @return the names of the concrete indices, without aliases and data streams
	 * @throws JacksonException if the body is not JSON
	 */
	static List<String> indexNames(byte[] json) {
		List<String> names = new ArrayList<>();
		for (JsonNode index : JSON.readTree(json).path("indices")) {
			String name = index.path("name").asString(null);
			if (name != null) {
				names.add(name);
			}
		}
		return names;
	}

	private boolean delete(String index, Duration retention) {
		try {
			ElasticsearchCalls.perform(this.client, new Request("DELETE", "/" + index));
			log.info("Deleted index {}: all of it is older than the retention of {}", index, describe(retention));
			return true;
		}
		catch (ResponseException ex) {
			if (ex.getResponse().getStatusCode() == 404) {
				// Another instance deleted it first.
				return false;
			}
			log.warn("Could not delete expired index {}: {}", index, ex.getMessage());
			return false;
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Could not delete expired index {}: {}", index, ex.toString());
			return false;
		}
	}

	private static String describe(Duration duration) {
		return (duration.toHours() % 24 == 0 && duration.toSeconds() % 3600 == 0) ? duration.toDays() + " days"
				: duration.toString();
	}

}
