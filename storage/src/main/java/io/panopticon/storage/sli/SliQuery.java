package io.panopticon.storage.sli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.panopticon.storage.IndexFamily;
import io.panopticon.storage.RollupFields;
import io.panopticon.storage.SpanFields;
import io.panopticon.storage.StorageClient.Search;

/**
 * The searches that count a selector's requests, errors and fast requests over a
 * {@link Coverage}: one over minute rollups ({@code metrics-apm-1m-*}) for the rolled-up
 * minutes, one over raw spans ({@code traces-apm-*}) for the rest, grouped either into
 * windows ({@code filters}) or into a time series ({@code date_histogram}). Both add up
 * exactly: a rollup's {@code latency} holds the span documents' {@code latencyBucket}
 * counts. Plain Java; I/O is {@link SliReader}'s.
 *
 * @param selector which requests
 * @param coverage where each minute is read from
 */
record SliQuery(RequestSelector selector, Coverage coverage) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Returns the searches that count requests per window.
	 * @param windows the windows, each within the coverage's range
	 * @return the searches (none when nothing is to be read)
	 */
	List<Search> windows(List<TimeRange> windows) {
		return searches((leaf) -> {
			ObjectNode grouping = JSON.createObjectNode();
			ObjectNode filters = grouping.putObject("filters").putObject("filters");
			for (int i = 0; i < windows.size(); i++) {
				filters.set(Integer.toString(i), within(List.of(windows.get(i))));
			}
			grouping.set("aggs", leaf);
			return grouping;
		});
	}

	/**
	 * Reads the answers to {@link #windows}.
	 * @param responses the responses, in order
	 * @param count how many windows were asked for
	 * @return the counts per window
	 */
	List<RequestCounts> readWindows(List<JsonNode> responses, int count) {
		List<RequestCounts> counts = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			counts.add(RequestCounts.NONE);
		}
		for (int r = 0; r < responses.size(); r++) {
			boolean raw = isRaw(r);
			JsonNode buckets = responses.get(r).path("aggregations").path("g").path("buckets");
			for (int i = 0; i < count; i++) {
				counts.set(i, counts.get(i).plus(figures(buckets.path(Integer.toString(i)), raw)));
			}
		}
		return counts;
	}

	/**
	 * Returns the searches that count requests per interval.
	 * @param intervalMillis the length of a point, whole minutes
	 * @return the searches (none when nothing is to be read)
	 */
	List<Search> series(long intervalMillis) {
		return searches((leaf) -> {
			ObjectNode grouping = JSON.createObjectNode();
			grouping.putObject("date_histogram")
				.put("field", "@timestamp")
				.put("fixed_interval", (intervalMillis / TimeRange.MINUTE) + "m")
				.put("min_doc_count", 1);
			grouping.set("aggs", leaf);
			return grouping;
		});
	}

	/**
	 * Reads the answers to {@link #series}.
	 * @param responses the responses, in order
	 * @return counts by point start (epoch milliseconds); points without requests are
	 * left out
	 */
	Map<Long, RequestCounts> readSeries(List<JsonNode> responses) {
		Map<Long, RequestCounts> series = new TreeMap<>();
		for (int r = 0; r < responses.size(); r++) {
			boolean raw = isRaw(r);
			for (JsonNode bucket : responses.get(r).path("aggregations").path("g").path("buckets")) {
				series.merge(bucket.path("key").asLong(), figures(bucket, raw), RequestCounts::plus);
			}
		}
		return series;
	}

	/** The rollup search comes first when there are rollup parts. */
	private boolean isRaw(int index) {
		return this.coverage.rollups().isEmpty() || index == 1;
	}

	private List<Search> searches(Function<ObjectNode, ObjectNode> grouping) {
		List<Search> searches = new ArrayList<>();
		if (!this.coverage.rollups().isEmpty()) {
			searches.add(rollups(grouping.apply(rollupLeaf())));
		}
		if (!this.coverage.raw().isEmpty()) {
			searches.add(raw(grouping.apply(rawLeaf())));
		}
		return searches;
	}

	private Search rollups(ObjectNode grouping) {
		ObjectNode body = body(grouping);
		ArrayNode filter = (ArrayNode) body.get("query").get("bool").get("filter");
		filter.addObject()
			.putObject("term")
			.put(RollupFields.KIND, (this.selector.endpoint() != null) ? "endpoint" : "service");
		filter.addObject().putObject("term").put(RollupFields.RESOLUTION, "1m");
		filter.addObject().putObject("term").put(RollupFields.SERVICE_NAME, this.selector.serviceName());
		if (this.selector.environment() != null) {
			filter.addObject().putObject("term").put(RollupFields.ENVIRONMENT, this.selector.environment());
		}
		if (this.selector.endpoint() != null) {
			filter.addObject().putObject("term").put(RollupFields.ENDPOINT, this.selector.endpoint());
		}
		filter.add(within(this.coverage.rollups()));
		return new Search(indices(IndexFamily.METRICS_1M, this.coverage.rollups()), body);
	}

	private Search raw(ObjectNode grouping) {
		ObjectNode body = body(grouping);
		ArrayNode filter = (ArrayNode) body.get("query").get("bool").get("filter");
		filter.addObject().putObject("term").put(SpanFields.IS_REQUEST, true);
		filter.addObject().putObject("term").put(SpanFields.SERVICE_NAME, this.selector.serviceName());
		if (this.selector.environment() != null) {
			filter.addObject().putObject("term").put(SpanFields.ENVIRONMENT, this.selector.environment());
		}
		if (this.selector.endpoint() != null) {
			filter.addObject().putObject("term").put(SpanFields.ENDPOINT, this.selector.endpoint());
		}
		filter.add(within(this.coverage.raw()));
		return new Search(indices(IndexFamily.TRACES, this.coverage.raw()), body);
	}

	private static ObjectNode body(ObjectNode grouping) {
		ObjectNode body = JSON.createObjectNode();
		body.put("size", 0);
		body.put("track_total_hits", false);
		body.putObject("query").putObject("bool").putArray("filter");
		body.putObject("aggs").set("g", grouping);
		return body;
	}

	private ObjectNode rollupLeaf() {
		ObjectNode leaf = JSON.createObjectNode();
		leaf.putObject("requests").putObject("sum").put("field", RollupFields.REQUESTS);
		leaf.putObject("errors").putObject("sum").put("field", RollupFields.ERRORS);
		if (this.selector.fastBucket() != null) {
			ObjectNode fast = leaf.putObject("fast");
			fast.putObject("nested").put("path", RollupFields.LATENCY);
			ObjectNode under = fast.putObject("aggs").putObject("under");
			under.putObject("filter")
				.putObject("range")
				.putObject(RollupFields.LATENCY_BUCKET)
				.put("lte", this.selector.fastBucket());
			under.putObject("aggs").putObject("count").putObject("sum").put("field", RollupFields.LATENCY_COUNT);
		}
		return leaf;
	}

	private ObjectNode rawLeaf() {
		ObjectNode leaf = JSON.createObjectNode();
		leaf.putObject("errors").putObject("filter").putObject("term").put(SpanFields.IS_ERROR, true);
		if (this.selector.fastBucket() != null) {
			leaf.putObject("fast")
				.putObject("filter")
				.putObject("range")
				.putObject(SpanFields.LATENCY_BUCKET)
				.put("lte", this.selector.fastBucket());
		}
		return leaf;
	}

	private static RequestCounts figures(JsonNode bucket, boolean raw) {
		if (bucket.isMissingNode()) {
			return RequestCounts.NONE;
		}
		if (raw) {
			return new RequestCounts(bucket.path("doc_count").asLong(),
					bucket.path("errors").path("doc_count").asLong(), bucket.path("fast").path("doc_count").asLong());
		}
		return new RequestCounts(sum(bucket.path("requests")), sum(bucket.path("errors")),
				sum(bucket.path("fast").path("under").path("count")));
	}

	/**
	 * A {@code sum} aggregation's value as a whole number: the cluster sums in double
	 * precision, which is exact for these counts (below 2^53).
	 */
	private static long sum(JsonNode aggregation) {
		return Math.round(aggregation.path("value").asDouble());
	}

	/**
	 * A filter clause: {@code @timestamp} within any of the parts.
	 * @param parts the parts, not empty
	 * @return the clause
	 */
	static ObjectNode within(List<TimeRange> parts) {
		if (parts.size() == 1) {
			return range(parts.get(0));
		}
		ObjectNode clause = JSON.createObjectNode();
		ArrayNode should = clause.putObject("bool").put("minimum_should_match", 1).putArray("should");
		parts.forEach((part) -> should.add(range(part)));
		return clause;
	}

	private static ObjectNode range(TimeRange part) {
		ObjectNode clause = JSON.createObjectNode();
		clause.putObject("range")
			.putObject("@timestamp")
			.put("gte", part.fromMillis())
			.put("lt", part.toMillis())
			.put("format", "epoch_millis");
		return clause;
	}

	/**
	 * The indices of a family that hold the parts.
	 * @param family the family
	 * @param parts the parts
	 * @return index names or patterns, without duplicates
	 */
	static List<String> indices(IndexFamily family, List<TimeRange> parts) {
		List<String> names = new ArrayList<>();
		for (TimeRange part : parts) {
			for (String name : family.indicesFor(Instant.ofEpochMilli(part.fromMillis()),
					Instant.ofEpochMilli(part.toMillis()))) {
				if (!names.contains(name)) {
					names.add(name);
				}
			}
		}
		return names;
	}

}
