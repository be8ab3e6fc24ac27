package io.panopticon.query.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.panopticon.storage.RollupFields;
import io.panopticon.storage.StorageClient.Search;
import io.panopticon.storage.IndexFamily;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Finds the marker documents of a span of time, which say which rollup buckets are
 * complete. A first search answers with the hours that have a one-hour marker, the number
 * of one-minute markers per hour, and the single minutes of the newest hours (where the
 * aggregator is at work and hours are usually incomplete). An hour whose every minute is
 * marked needs no detail; only an older hour with some but not all minutes marked (a gap
 * left by downtime) needs a second search, {@link #detail}, for its minutes. Plain Java;
 * I/O is the caller's.
 *
 * @param fromMillis the start of the span of interest, a whole minute
 * @param toMillis its end, a whole minute after the start
 */
record MarkerQuery(long fromMillis, long toMillis) {

	/**
	 * The newest part of the span whose minutes the first search returns one by one: the
	 * current hour and the one before, which the aggregator may still be completing.
	 */
	static final long RECENT = 2 * Markers.HOUR;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	MarkerQuery {
		if (fromMillis % Markers.MINUTE != 0 || toMillis % Markers.MINUTE != 0 || toMillis <= fromMillis) {
			throw new IllegalArgumentException(
					"markers are looked up for whole minutes, not [" + fromMillis + ", " + toMillis + ")");
		}
	}

	/**
	 * Returns the start of the part whose minutes {@link #overview} lists one by one.
	 * @return epoch milliseconds
	 */
	long recentFrom() {
		long hour = Math.floorDiv(this.toMillis - 1, Markers.HOUR) * Markers.HOUR;
		return Math.max(this.fromMillis, hour - Markers.HOUR);
	}

	/**
	 * Returns the first search.
	 * @return the search
	 */
	Search overview() {
		ObjectNode body = base(List.of(new Slice(this.fromMillis, this.toMillis)));
		ObjectNode aggs = body.putObject("aggs");
		histogram(aggs.putObject("hours"), "1h", null, Markers.HOUR);
		histogram(aggs.putObject("minutesPerHour"), "1m", null, Markers.HOUR);
		histogram(aggs.putObject("recentMinutes"), "1m", recentFrom(), Markers.MINUTE);
		return new Search(indices(), body);
	}

	/**
	 * Reads the answer to {@link #overview}.
	 * @param response the search response
	 * @param markers receives the hours and minutes found complete
	 * @return the starts of the hours that need {@link #detail}: older than the recent
	 * part, with some minutes marked but not all
	 */
	List<Long> readOverview(JsonNode response, Markers.Builder markers) {
		JsonNode aggregations = response.path("aggregations");
		for (JsonNode bucket : aggregations.path("hours").path("t").path("buckets")) {
			markers.hour(bucket.path("key").asLong());
		}
		long recentFrom = recentFrom();
		for (JsonNode bucket : aggregations.path("recentMinutes").path("t").path("buckets")) {
			markers.minute(bucket.path("key").asLong());
		}
		Map<Long, Long> perHour = new HashMap<>();
		for (JsonNode bucket : aggregations.path("minutesPerHour").path("t").path("buckets")) {
			perHour.put(bucket.path("key").asLong(), bucket.path("doc_count").asLong());
		}
		List<Long> partial = new ArrayList<>();
		perHour.forEach((hour, count) -> {
			long expected = minutesOfInterest(hour);
			if (count >= expected) {
				markers.fullHour(hour);
			}
			else if (count > 0 && hour + Markers.HOUR <= recentFrom) {
				partial.add(hour);
			}
			// else: in the recent part, whose minutes came one by one.
		});
		partial.sort(null);
		return partial;
	}

	/**
	 * Returns the search for the single minutes of some hours.
	 * @param hours hour starts from {@link #readOverview}
	 * @return the search
	 */
	Search detail(List<Long> hours) {
		List<Slice> slices = new ArrayList<>();
		for (long hour : hours) {
			Slice part = new Slice(hour, hour + Markers.HOUR).intersect(this.fromMillis, this.toMillis);
			if (part != null) {
				slices.add(part);
			}
		}
		ObjectNode body = base(slices);
		histogram(body.putObject("aggs").putObject("minutes"), "1m", null, Markers.MINUTE);
		return new Search(MetricsQuery.indices(IndexFamily.METRICS_1M, slices), body);
	}

	/**
	 * Reads the answer to {@link #detail}.
	 * @param response the search response
	 * @param markers receives the minutes found complete
	 */
	void readDetail(JsonNode response, Markers.Builder markers) {
		for (JsonNode bucket : response.path("aggregations").path("minutes").path("t").path("buckets")) {
			markers.minute(bucket.path("key").asLong());
		}
	}

	/** How many minutes of an hour lie in the span of interest. */
	private long minutesOfInterest(long hour) {
		Slice part = new Slice(hour, hour + Markers.HOUR).intersect(this.fromMillis, this.toMillis);
		return (part != null) ? part.lengthMillis() / Markers.MINUTE : 0;
	}

	private List<String> indices() {
		List<String> indices = new ArrayList<>(IndexFamily.METRICS_1M.indicesFor(Instant.ofEpochMilli(this.fromMillis),
				Instant.ofEpochMilli(this.toMillis)));
		indices.addAll(IndexFamily.METRICS_1H.indicesFor(Instant.ofEpochMilli(this.fromMillis),
				Instant.ofEpochMilli(this.toMillis)));
		return indices;
	}

	private static ObjectNode base(List<Slice> slices) {
		ObjectNode body = JSON.createObjectNode();
		body.put("size", 0);
		body.put("track_total_hits", false);
		ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
		filter.addObject().putObject("term").put(RollupFields.KIND, "marker");
		filter.add(MetricsQuery.timeFilter(slices));
		return body;
	}

	private static void histogram(ObjectNode aggregation, String resolution, Long from, long interval) {
		ObjectNode filter = aggregation.putObject("filter");
		if (from == null) {
			filter.putObject("term").put(RollupFields.RESOLUTION, resolution);
		}
		else {
			ArrayNode clauses = filter.putObject("bool").putArray("filter");
			clauses.addObject().putObject("term").put(RollupFields.RESOLUTION, resolution);
			clauses.addObject()
				.putObject("range")
				.putObject("@timestamp")
				.put("gte", from)
				.put("format", "epoch_millis");
		}
		aggregation.putObject("aggs")
			.putObject("t")
			.putObject("date_histogram")
			.put("field", "@timestamp")
			.put("fixed_interval", (interval / Markers.MINUTE) + "m")
			.put("min_doc_count", 1);
	}

}
