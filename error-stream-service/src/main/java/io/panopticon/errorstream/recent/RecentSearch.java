package io.panopticon.errorstream.recent;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.panopticon.storage.IndexFamily;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Elasticsearch search behind the catch-up endpoint: the newest ERROR and FATAL log
 * documents of {@code logs-apm-*} at or after {@code since}, optionally of one service
 * and environment, newest first, with the total counted up to one more than the limit
 * (enough to tell whether more matched).
 *
 * @param indices the index targets: the daily indices from {@code since} to a day after
 * now (ingest accepts logs up to a day ahead)
 * @param body the search request body
 */
record RecentSearch(List<String> indices, String body) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The document fields the answer needs. */
	static final List<String> FIELDS = List.of("timestampMicros", "@timestamp", "serviceName", "environment", "level",
			"message", "traceId", "spanId", "attributeMap");

	/**
	 * Builds the search.
	 * @param query what was asked
	 * @param now the current time
	 * @return the search; its {@code indices} are empty when nothing can match
	 */
	static RecentSearch of(RecentQuery query, Instant now) {
		List<String> indices = IndexFamily.LOGS.indicesFor(query.since(), now.plus(1, ChronoUnit.DAYS));
		ObjectNode body = JSON.createObjectNode();
		body.put("size", query.limit());
		body.put("track_total_hits", query.limit() + 1);
		body.putArray("sort")
			.addObject()
			.putObject("timestampMicros")
			.put("order", "desc")
			.put("unmapped_type", "long");
		ArrayNode source = body.putArray("_source");
		FIELDS.forEach(source::add);
		ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
		filter.addObject().putObject("terms").putArray("level").add("ERROR").add("FATAL");
		filter.addObject()
			.putObject("range")
			.putObject("timestampMicros")
			.put("gte", ChronoUnit.MICROS.between(Instant.EPOCH, query.since()));
		if (query.service() != null) {
			filter.addObject().putObject("term").put("serviceName", query.service());
		}
		if (query.environment() != null) {
			filter.addObject().putObject("term").put("environment", query.environment());
		}
		return new RecentSearch(indices, JSON.writeValueAsString(body));
	}

}
