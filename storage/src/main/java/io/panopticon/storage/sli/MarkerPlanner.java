package io.panopticon.storage.sli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.panopticon.storage.IndexFamily;
import io.panopticon.storage.RollupFields;
import io.panopticon.storage.StorageClient.Search;

/**
 * Plans a {@link Coverage} from the aggregator's one-minute marker documents, which say
 * which minutes are rolled up completely ({@code docs/formats.md}, "Rollup documents"). A
 * first search counts the markers per hour; an hour with every minute of interest marked
 * is read from rollups, an hour without any from raw spans, and only the hours with some
 * minutes marked (usually the newest one or two) need a second search for their minutes.
 * Plain Java; I/O is the caller's.
 *
 * @param range the range to plan, widened to whole minutes where it is looked up
 */
record MarkerPlanner(TimeRange range) {

	/**
	 * Above this many separate parts of one kind, everything is read raw: each part is a
	 * clause of the query, and clauses are limited (1,024 on OpenSearch by default).
	 */
	static final int MAX_PARTS = 400;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The first whole minute in the range. */
	long fromMinute() {
		return Math.floorDiv(this.range.fromMillis() + TimeRange.MINUTE - 1, TimeRange.MINUTE) * TimeRange.MINUTE;
	}

	/** The end of the last whole minute in the range. */
	long toMinute() {
		return Math.floorDiv(this.range.toMillis(), TimeRange.MINUTE) * TimeRange.MINUTE;
	}

	/**
	 * Returns whether markers need looking up at all: not when the range holds no whole
	 * minute.
	 * @return whether {@link #overview} is of use
	 */
	boolean hasWholeMinutes() {
		return toMinute() > fromMinute();
	}

	/**
	 * The search counting markers per hour.
	 * @return the search
	 */
	Search overview() {
		return markers(List.of(new TimeRange(fromMinute(), toMinute())), TimeRange.HOUR);
	}

	/**
	 * Reads the answer to {@link #overview}.
	 * @param response the search response
	 * @param complete receives the starts of the hours whose minutes of interest are all
	 * marked
	 * @return the hours (as parts of the range) that have some but not all minutes marked
	 */
	List<TimeRange> readOverview(JsonNode response, Set<Long> complete) {
		List<TimeRange> partial = new ArrayList<>();
		for (JsonNode bucket : response.path("aggregations").path("t").path("buckets")) {
			long hour = bucket.path("key").asLong();
			long count = bucket.path("doc_count").asLong();
			TimeRange part = new TimeRange(hour, hour + TimeRange.HOUR).intersect(fromMinute(), toMinute());
			if (part == null) {
				continue;
			}
			if (count >= part.lengthMillis() / TimeRange.MINUTE) {
				complete.add(hour);
			}
			else if (count > 0) {
				partial.add(part);
			}
		}
		return partial;
	}

	/**
	 * The search listing the marked minutes of some hours.
	 * @param hours parts from {@link #readOverview}, not empty
	 * @return the search
	 */
	Search detail(List<TimeRange> hours) {
		return markers(hours, TimeRange.MINUTE);
	}

	/**
	 * Reads the answer to {@link #detail}.
	 * @param response the search response
	 * @param minutes receives the starts of the marked minutes
	 */
	void readDetail(JsonNode response, Set<Long> minutes) {
		for (JsonNode bucket : response.path("aggregations").path("t").path("buckets")) {
			minutes.add(bucket.path("key").asLong());
		}
	}

	/**
	 * Builds the coverage.
	 * @param completeHours hours whose minutes of interest are all marked
	 * @param minutes further marked minutes
	 * @return the coverage of the range
	 */
	Coverage plan(Set<Long> completeHours, Set<Long> minutes) {
		List<TimeRange> rollups = new ArrayList<>();
		List<TimeRange> raw = new ArrayList<>();
		long to = this.range.toMillis();
		long lastMinute = toMinute();
		long t = this.range.fromMillis();
		while (t < to) {
			boolean whole = t % TimeRange.MINUTE == 0 && t + TimeRange.MINUTE <= lastMinute;
			if (whole && (completeHours.contains(Math.floorDiv(t, TimeRange.HOUR) * TimeRange.HOUR)
					|| minutes.contains(t))) {
				append(rollups, t, t + TimeRange.MINUTE);
				t += TimeRange.MINUTE;
			}
			else {
				long next = (t >= lastMinute) ? to
						: Math.min(to, Math.floorDiv(t, TimeRange.MINUTE) * TimeRange.MINUTE + TimeRange.MINUTE);
				append(raw, t, next);
				t = next;
			}
		}
		if (rollups.size() > MAX_PARTS || raw.size() > MAX_PARTS) {
			return Coverage.rawOnly(this.range);
		}
		return new Coverage(this.range, rollups, raw);
	}

	/**
	 * Plans a range with every marked minute known, for tests and callers that looked the
	 * markers up some other way.
	 * @param range the range
	 * @param markedMinutes the starts of the marked minutes
	 * @return the coverage
	 */
	static Coverage of(TimeRange range, Set<Long> markedMinutes) {
		return new MarkerPlanner(range).plan(Set.of(), new HashSet<>(markedMinutes));
	}

	private static void append(List<TimeRange> parts, long from, long to) {
		if (!parts.isEmpty() && parts.get(parts.size() - 1).toMillis() == from) {
			TimeRange last = parts.remove(parts.size() - 1);
			parts.add(new TimeRange(last.fromMillis(), to));
		}
		else {
			parts.add(new TimeRange(from, to));
		}
	}

	private static Search markers(List<TimeRange> parts, long interval) {
		ObjectNode body = JSON.createObjectNode();
		body.put("size", 0);
		body.put("track_total_hits", false);
		ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
		filter.addObject().putObject("term").put(RollupFields.KIND, "marker");
		filter.addObject().putObject("term").put(RollupFields.RESOLUTION, "1m");
		filter.add(SliQuery.within(parts));
		body.putObject("aggs")
			.putObject("t")
			.putObject("date_histogram")
			.put("field", RollupFields.TIMESTAMP)
			.put("fixed_interval", (interval / TimeRange.MINUTE) + "m")
			.put("min_doc_count", 1);
		return new Search(SliQuery.indices(IndexFamily.METRICS_1M, parts), body);
	}

}
