package io.panopticon.query.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.panopticon.storage.RollupFields;
import io.panopticon.storage.SpanFields;
import io.panopticon.storage.StorageClient.Search;
import io.panopticon.common.histogram.LatencyHistogram;
import io.panopticon.common.histogram.PackedHistogram;
import io.panopticon.storage.IndexFamily;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the Elasticsearch searches of a metrics query and reads their answers into
 * {@link Figures} per group. Two searches cover a plan: one over raw spans
 * ({@code traces-apm-*}) for the raw slices, one over rollups ({@code metrics-apm-1m-*}
 * and {@code metrics-apm-1h-*}) for the minute and hour slices. Both aggregate on the
 * server and return, per group, the request and error counts, the sum of durations and
 * the latency histogram as bucket counts (a {@code terms} aggregation on
 * {@code latencyBucket} for raw spans; a {@code nested terms} on {@code latency.bucket}
 * with the {@code sum} of {@code latency.count} for rollups), so the two add up exactly.
 * A time series may fetch its hourly rollups instead ({@link #hourDocuments}) and merge
 * their packed histograms, which add up the same.
 * <p>
 * Plain Java; the exact JSON is pinned by {@code MetricsQueryTest}.
 *
 * @param grouping how figures are grouped
 * @param filters what the query is narrowed to
 */
public record MetricsQuery(Grouping grouping, Filters filters) {

	/**
	 * Checks that a service-name search comes with groups that are services.
	 * @throws IllegalArgumentException if it does not
	 */
	public MetricsQuery {
		if (filters.serviceNameContains() != null && grouping.kind() != Grouping.Kind.SERVICE) {
			throw new IllegalArgumentException("a service name search needs groups of services");
		}
	}

	/** Enough for every latency bucket there is, so the histogram is exact. */
	static final int LATENCY_BUCKETS = LatencyHistogram.MAX_BUCKET + 1;

	/**
	 * The most groups one search returns. Services are few; endpoints are capped per
	 * service at ingest (1,000 by default, per ingest instance).
	 */
	static final int MAX_GROUPS = 10_000;

	/**
	 * The most rollups {@link #hourDocuments} fetches: Elasticsearch's default
	 * {@code index.max_result_window}.
	 */
	static final int MAX_DOCUMENTS = 10_000;

	private static final char EDGE_SEPARATOR = '\u001f';

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Returns the group key of an edge.
	 * @param caller the calling service
	 * @param callee the called service
	 * @return the key
	 */
	public static String edgeKey(String caller, String callee) {
		return caller + EDGE_SEPARATOR + callee;
	}

	/**
	 * Splits an edge key.
	 * @param key a key from {@link #edgeKey}
	 * @return caller and callee
	 */
	public static String[] edgeOf(String key) {
		int at = key.indexOf(EDGE_SEPARATOR);
		return new String[] { key.substring(0, at), key.substring(at + 1) };
	}

	/**
	 * Returns the search over raw spans.
	 * @param slices the raw slices, not empty
	 * @param partition which partition of the groups, from 0
	 * @param partitions how many partitions the groups are split into (1: none)
	 * @return the search
	 */
	public Search raw(List<Slice> slices, int partition, int partitions) {
		if (this.grouping.kind() == Grouping.Kind.EDGE) {
			throw new IllegalArgumentException("edges are not aggregated from raw spans");
		}
		ObjectNode body = JSON.createObjectNode();
		body.put("size", 0);
		body.put("track_total_hits", false);
		ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
		filter.addObject().putObject("term").put(SpanFields.IS_REQUEST, true);
		addFilters(filter);
		filter.add(timeFilter(slices));
		ObjectNode leaf = JSON.createObjectNode();
		leaf.putObject("errors").putObject("filter").putObject("term").put(SpanFields.IS_ERROR, true);
		leaf.putObject("duration").putObject("sum").put("field", SpanFields.DURATION_MICROS);
		leaf.putObject("latency")
			.putObject("terms")
			.put("field", SpanFields.LATENCY_BUCKET)
			.put("size", LATENCY_BUCKETS);
		body.set("aggs", groupAggs(leaf, partition, partitions));
		return new Search(indices(IndexFamily.TRACES, slices), body);
	}

	/**
	 * Returns the search over rollups.
	 * @param minutes the slices read from minute rollups
	 * @param hours the slices read from hourly rollups
	 * @param partition which partition of the groups, from 0
	 * @param partitions how many partitions the groups are split into (1: none)
	 * @return the search
	 * @throws IllegalArgumentException if both lists are empty
	 */
	public Search rollups(List<Slice> minutes, List<Slice> hours, int partition, int partitions) {
		if (minutes.isEmpty() && hours.isEmpty()) {
			throw new IllegalArgumentException("no rollup slices");
		}
		ObjectNode body = JSON.createObjectNode();
		body.put("size", 0);
		body.put("track_total_hits", false);
		ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
		filter.addObject().putObject("term").put(RollupFields.KIND, rollupKind());
		addFilters(filter);
		ObjectNode resolutions = JSON.createObjectNode();
		ArrayNode should = resolutions.putObject("bool").put("minimum_should_match", 1).putArray("should");
		if (!minutes.isEmpty()) {
			should.add(resolution("1m", minutes));
		}
		if (!hours.isEmpty()) {
			should.add(resolution("1h", hours));
		}
		filter.add(resolutions);
		ObjectNode leaf = JSON.createObjectNode();
		leaf.putObject("requests").putObject("sum").put("field", RollupFields.REQUESTS);
		leaf.putObject("errors").putObject("sum").put("field", RollupFields.ERRORS);
		leaf.putObject("duration").putObject("sum").put("field", RollupFields.DURATION_SUM_MICROS);
		ObjectNode latency = leaf.putObject("latency");
		latency.putObject("nested").put("path", RollupFields.LATENCY);
		ObjectNode buckets = latency.putObject("aggs").putObject("buckets");
		buckets.putObject("terms").put("field", RollupFields.LATENCY_BUCKET).put("size", LATENCY_BUCKETS);
		buckets.putObject("aggs").putObject("count").putObject("sum").put("field", RollupFields.LATENCY_COUNT);
		body.set("aggs", groupAggs(leaf, partition, partitions));
		List<String> indices = new ArrayList<>();
		if (!minutes.isEmpty()) {
			indices.addAll(indices(IndexFamily.METRICS_1M, minutes));
		}
		if (!hours.isEmpty()) {
			indices.addAll(indices(IndexFamily.METRICS_1H, hours));
		}
		return new Search(indices, body);
	}

	/**
	 * Returns whether {@link #hourDocuments} may stand in for the hourly part of
	 * {@link #rollups}: for a time series, whose points each hold one hourly rollup per
	 * environment (a handful), fetching the rollups costs Elasticsearch far less than
	 * aggregating their latency buckets (one aggregation bucket each), and query-service
	 * merges them itself.
	 * @return whether hourly rollups may be fetched
	 */
	public boolean fetchesHours() {
		return this.grouping.kind() == Grouping.Kind.TIME;
	}

	/**
	 * Returns the search that fetches the hourly rollups of a time series themselves: the
	 * counts and the packed histogram ({@code latencyHistogram}) from doc values, no
	 * {@code _source}.
	 * @param hours the slices read from hourly rollups, not empty
	 * @return the search
	 * @throws IllegalArgumentException if this is no time series or there are no slices
	 */
	public Search hourDocuments(List<Slice> hours) {
		if (!fetchesHours() || hours.isEmpty()) {
			throw new IllegalArgumentException("hourly rollups are fetched for a time series with hours only");
		}
		ObjectNode body = JSON.createObjectNode();
		body.put("size", MAX_DOCUMENTS);
		body.put("track_total_hits", true);
		body.put("_source", false);
		ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
		filter.addObject().putObject("term").put(RollupFields.KIND, rollupKind());
		addFilters(filter);
		filter.addObject().putObject("term").put(RollupFields.RESOLUTION, "1h");
		filter.add(timeFilter(hours));
		ArrayNode fields = body.putArray("docvalue_fields");
		fields.addObject().put("field", "@timestamp").put("format", "epoch_millis");
		fields.add(RollupFields.REQUESTS)
			.add(RollupFields.ERRORS)
			.add(RollupFields.DURATION_SUM_MICROS)
			.add(RollupFields.LATENCY_HISTOGRAM);
		return new Search(indices(IndexFamily.METRICS_1H, hours), body);
	}

	/**
	 * Reads the answer to {@link #hourDocuments} and adds each rollup to the point that
	 * holds its hour.
	 * @param response the search response
	 * @param into figures per group key
	 * @return {@code false} if the answer is incomplete (more rollups than one search
	 * fetches, or rollups written before they carried {@code latencyHistogram}): then
	 * {@code into} is of no use, and the hours must be read with {@link #rollups}
	 */
	public boolean readHourDocuments(JsonNode response, Map<String, Figures> into) {
		JsonNode hits = response.path("hits");
		if (hits.path("total").path("value").asLong() > hits.path("hits").size()) {
			return false;
		}
		long interval = this.grouping.intervalMillis();
		for (JsonNode hit : hits.path("hits")) {
			JsonNode fields = hit.path("fields");
			JsonNode packed = fields.path(RollupFields.LATENCY_HISTOGRAM).path(0);
			if (!packed.isString()) {
				return false;
			}
			long hour = Long.parseLong(fields.path("@timestamp").path(0).asString());
			Figures figures = new Figures().add(fields.path(RollupFields.REQUESTS).path(0).asLong(),
					fields.path(RollupFields.ERRORS).path(0).asLong(),
					fields.path(RollupFields.DURATION_SUM_MICROS).path(0).asLong(),
					PackedHistogram.decode(packed.asString()));
			into.merge(Long.toString(Math.floorDiv(hour, interval) * interval), figures, Figures::merge);
		}
		return true;
	}

	/**
	 * Reads the answer to {@link #raw} and adds it to {@code into}.
	 * @param response the search response
	 * @param into figures per group key
	 */
	public void readRaw(JsonNode response, Map<String, Figures> into) {
		readGroups(response.path("aggregations").path("groups"), 0, "", into, true);
	}

	/**
	 * Reads the answer to {@link #rollups} and adds it to {@code into}.
	 * @param response the search response
	 * @param into figures per group key
	 */
	public void readRollups(JsonNode response, Map<String, Figures> into) {
		readGroups(response.path("aggregations").path("groups"), 0, "", into, false);
	}

	/**
	 * Returns the figures of a group as the leaf aggregations of {@link #raw} give them.
	 * @param bucket a group bucket
	 * @return the figures
	 */
	static Figures rawFigures(JsonNode bucket) {
		JsonNode latency = bucket.path("latency").path("buckets");
		int[] buckets = new int[latency.size()];
		long[] counts = new long[latency.size()];
		int i = 0;
		for (JsonNode entry : latency) {
			buckets[i] = entry.path("key").asInt();
			counts[i++] = entry.path("doc_count").asLong();
		}
		return new Figures().add(bucket.path("doc_count").asLong(), bucket.path("errors").path("doc_count").asLong(),
				sum(bucket.path("duration")), buckets, counts);
	}

	/**
	 * Returns the figures of a group as the leaf aggregations of {@link #rollups} give
	 * them.
	 * @param bucket a group bucket
	 * @return the figures
	 */
	static Figures rollupFigures(JsonNode bucket) {
		JsonNode latency = bucket.path("latency").path("buckets").path("buckets");
		int[] buckets = new int[latency.size()];
		long[] counts = new long[latency.size()];
		int i = 0;
		for (JsonNode entry : latency) {
			buckets[i] = entry.path("key").asInt();
			counts[i++] = sum(entry.path("count"));
		}
		return new Figures().add(sum(bucket.path("requests")), sum(bucket.path("errors")), sum(bucket.path("duration")),
				buckets, counts);
	}

	/**
	 * A {@code sum} aggregation's value as a whole number: Elasticsearch sums in double
	 * precision, which is exact for the whole numbers summed here (below 2^53).
	 */
	private static long sum(JsonNode aggregation) {
		return Math.round(aggregation.path("value").asDouble());
	}

	private void readGroups(JsonNode groups, int level, String prefix, Map<String, Figures> into, boolean raw) {
		boolean inner = this.grouping.kind() == Grouping.Kind.EDGE && level == 0;
		for (JsonNode bucket : groups.path("buckets")) {
			String key = bucket.path("key").asString();
			if (inner) {
				readGroups(bucket.path("callees"), 1, key + EDGE_SEPARATOR, into, raw);
				continue;
			}
			if (bucket.path("doc_count").asLong() == 0 || !matchesSearch(key)) {
				continue;
			}
			Figures figures = raw ? rawFigures(bucket) : rollupFigures(bucket);
			into.merge(prefix + key, figures, Figures::merge);
		}
	}

	/**
	 * Applies {@link Filters#serviceNameContains()} to a service's group here rather than
	 * in Elasticsearch: a case-insensitive wildcard there is an automaton whose
	 * determinization grows with the text and fails for long ones, while the groups are
	 * the services (few, and aggregated anyway when no search is given).
	 */
	private boolean matchesSearch(String serviceName) {
		String contains = this.filters.serviceNameContains();
		return contains == null || serviceName.toLowerCase(Locale.ROOT).contains(contains.toLowerCase(Locale.ROOT));
	}

	private String rollupKind() {
		return switch (this.grouping.kind()) {
			case SERVICE, TIME -> "service";
			case ENDPOINT -> "endpoint";
			case EDGE -> "edge";
		};
	}

	private void addFilters(ArrayNode filter) {
		if (this.filters.service() != null) {
			filter.addObject().putObject("term").put("serviceName", this.filters.service());
		}
		if (this.filters.environment() != null) {
			filter.addObject().putObject("term").put("environment", this.filters.environment());
		}
	}

	private ObjectNode groupAggs(ObjectNode leaf, int partition, int partitions) {
		ObjectNode aggs = JSON.createObjectNode();
		ObjectNode groups = aggs.putObject("groups");
		switch (this.grouping.kind()) {
			case SERVICE -> terms(groups, "serviceName", partition, partitions);
			case ENDPOINT -> terms(groups, "endpoint", partition, partitions);
			case TIME -> groups.putObject("date_histogram")
				.put("field", "@timestamp")
				.put("fixed_interval", (this.grouping.intervalMillis() / Markers.MINUTE) + "m")
				.put("min_doc_count", 1);
			case EDGE -> {
				terms(groups, "serviceName", partition, partitions);
				ObjectNode callees = groups.putObject("aggs").putObject("callees");
				terms(callees, "callee", 0, 1);
				callees.set("aggs", leaf);
				return aggs;
			}
		}
		groups.set("aggs", leaf);
		return aggs;
	}

	private static void terms(ObjectNode aggregation, String field, int partition, int partitions) {
		ObjectNode terms = aggregation.putObject("terms").put("field", field).put("size", MAX_GROUPS);
		if (partitions > 1) {
			terms.putObject("include").put("partition", partition).put("num_partitions", partitions);
		}
	}

	private static ObjectNode resolution(String resolution, List<Slice> slices) {
		ObjectNode clause = JSON.createObjectNode();
		ArrayNode filter = clause.putObject("bool").putArray("filter");
		filter.addObject().putObject("term").put(RollupFields.RESOLUTION, resolution);
		filter.add(timeFilter(slices));
		return clause;
	}

	/**
	 * Returns a filter clause: {@code @timestamp} within any of the slices.
	 * @param slices the slices, not empty
	 * @return the clause
	 */
	public static ObjectNode timeFilter(List<Slice> slices) {
		if (slices.size() == 1) {
			return range(slices.get(0));
		}
		ObjectNode clause = JSON.createObjectNode();
		ArrayNode should = clause.putObject("bool").put("minimum_should_match", 1).putArray("should");
		slices.forEach((slice) -> should.add(range(slice)));
		return clause;
	}

	private static ObjectNode range(Slice slice) {
		ObjectNode clause = JSON.createObjectNode();
		clause.putObject("range")
			.putObject("@timestamp")
			.put("gte", slice.fromMillis())
			.put("lt", slice.toMillis())
			.put("format", "epoch_millis");
		return clause;
	}

	/**
	 * Returns the indices of a family that hold the slices.
	 * @param family the index family
	 * @param slices the slices
	 * @return index names or patterns, without duplicates
	 */
	public static List<String> indices(IndexFamily family, List<Slice> slices) {
		List<String> names = new ArrayList<>();
		for (Slice slice : slices) {
			for (String name : family.indicesFor(Instant.ofEpochMilli(slice.fromMillis()),
					Instant.ofEpochMilli(slice.toMillis()))) {
				if (!names.contains(name)) {
					names.add(name);
				}
			}
		}
		return names;
	}

	/**
	 * Returns an empty result map that keeps insertion order.
	 * @return a new map
	 */
	static Map<String, Figures> results() {
		return new LinkedHashMap<>();
	}

}
