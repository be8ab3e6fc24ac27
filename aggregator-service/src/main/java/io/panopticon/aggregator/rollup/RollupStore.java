package io.panopticon.aggregator.rollup;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

import io.panopticon.storage.RollupDocuments;
import io.panopticon.storage.RollupFields;
import io.panopticon.storage.SpanFields;
import io.panopticon.storage.IndexFamily;
import io.panopticon.storage.StorageClient;
import io.panopticon.storage.StorageException;
import io.panopticon.common.telemetry.SpanKind;
import tools.jackson.databind.JsonNode;

/**
 * Reads raw spans and rollups and writes rollups and markers: every Elasticsearch request
 * of a pass, built by {@link SearchBodies}. Reads page through results with bounded pages
 * (composite aggregations, {@code search_after}), so memory stays bounded by a page and
 * the rollups of one unit of work.
 * <p>
 * Thread-safe, but a pass uses it from one thread.
 */
final class RollupStore {

	/** Keys per page of the composite aggregations, halved while the cluster refuses. */
	static final int COMPOSITE_PAGE = 250;

	/** Spans per page of the service-map join. */
	static final int EDGE_PAGE = 10_000;

	static final int MARKER_PAGE = 5_000;

	/** The most spans of one trace and window the service-map join holds. */
	static final int MAX_TRACE_SPANS = 100_000;

	/** Stale rollups deleted per round. */
	static final int STALE_PAGE = 1_000;

	/** The most document ids one search for stale rollups names. */
	static final int MAX_KEPT_IDS = 20_000;

	/** The largest {@code _bulk} body. */
	static final int BULK_BYTES = 5 * 1024 * 1024;

	/** Span counts are read in pieces of this, to stay far below the bucket limit. */
	private static final Duration COUNT_PIECE = Duration.ofHours(6);

	private final StorageClient storage;

	private final Duration edgeSlack;

	/**
	 * Creates the store.
	 * @param elasticsearch the calls
	 * @param edgeSlack how far beyond a minute the service-map join reads
	 */
	RollupStore(StorageClient storage, Duration edgeSlack) {
		this.storage = Objects.requireNonNull(storage, "storage");
		this.edgeSlack = Objects.requireNonNull(edgeSlack, "edgeSlack");
	}

	// Raw spans

	/**
	 * Counts the spans of minutes and of their join windows.
	 * @param first the first minute
	 * @param end the end of the last minute, exclusive
	 * @return the counts of every minute in {@code [first, end)}
	 */
	Map<Instant, SpanCounts> spanCounts(Instant first, Instant end) {
		NavigableMap<Long, Long> counts = new TreeMap<>();
		Instant from = first.minus(this.edgeSlack);
		Instant to = end.plus(this.edgeSlack);
		for (Instant start = from; start.isBefore(to); start = start.plus(COUNT_PIECE)) {
			Instant stop = min(start.plus(COUNT_PIECE), to);
			JsonNode answer = this.storage.search(traces(start, stop),
					SearchBodies.spanCounts(start, stop, this.edgeSlack));
			for (JsonNode bucket : answer.at("/aggregations/counts/buckets")) {
				counts.merge(bucket.path("key").asLong(), bucket.path("doc_count").asLong(), Long::sum);
			}
		}
		long slack = this.edgeSlack.toMillis();
		Map<Instant, SpanCounts> result = new HashMap<>();
		for (Instant minute = first; minute.isBefore(end); minute = minute.plusSeconds(60)) {
			long start = minute.toEpochMilli();
			long spans = sum(counts, start, start + 60_000);
			long window = sum(counts, start - slack, start + 60_000 + slack);
			result.put(minute, new SpanCounts(spans, window));
		}
		return result;
	}

	private static long sum(NavigableMap<Long, Long> counts, long from, long to) {
		return counts.subMap(from, true, to, false).values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * Adds the endpoint and service rollups of the requests in a range of minutes.
	 * @param from the first minute
	 * @param to the end of the last minute, exclusive
	 * @param sink the minute rollups
	 */
	void addRequestRollups(Instant from, Instant to, RollupSet sink) {
		String targets = traces(from, to);
		if (targets.isEmpty()) {
			return;
		}
		JsonNode after = null;
		int pageSize = COMPOSITE_PAGE;
		do {
			JsonNode answer;
			try {
				answer = this.storage.search(targets, SearchBodies.endpointFigures(from, to, pageSize, after));
			}
			catch (StorageException ex) {
				if (ex.isTooManyBuckets() && pageSize > 1) {
					pageSize = pageSize / 2;
					continue;
				}
				throw ex;
			}
			JsonNode keys = answer.at("/aggregations/keys");
			for (JsonNode bucket : keys.path("buckets")) {
				addRequests(bucket, sink);
			}
			after = keys.path("buckets").isEmpty() ? null : keys.get("after_key");
		}
		while (after != null);
	}

	private static void addRequests(JsonNode bucket, RollupSet sink) {
		JsonNode key = bucket.path("key");
		Instant minute = Instant.ofEpochMilli(key.path("minute").asLong());
		String service = key.path("service").asString();
		String environment = text(key.path("environment"));
		String endpoint = key.path("endpoint").asString();
		long count = bucket.path("doc_count").asLong();
		JsonNode duration = bucket.path("duration");
		long min = Math.round(duration.path("min").asDouble());
		long max = Math.round(duration.path("max").asDouble());
		long sum = Math.round(duration.path("sum").asDouble());
		long errors = bucket.at("/errors/doc_count").asLong();
		Map<Integer, Long> histogram = new HashMap<>();
		for (JsonNode latency : bucket.at("/latency/buckets")) {
			histogram.put(latency.path("key").asInt(), latency.path("doc_count").asLong());
		}
		Rollup endpointRollup = sink.get(minute, RollupKey.endpoint(service, environment, endpoint));
		endpointRollup.add(count, errors, min, max, sum, histogram);
		JsonNode method = bucket.at("/method/buckets/0/key");
		if (method.isString()) {
			endpointRollup.httpMethod(method.asString());
		}
		// Every request has exactly one endpoint, so the service figures are the
		// sums of its endpoints'.
		sink.get(minute, RollupKey.service(service, environment)).add(count, errors, min, max, sum, histogram);
	}

	/**
	 * Adds the service-map edges of the calls measured in a range of minutes.
	 * @param from the first minute
	 * @param to the end of the last minute, exclusive
	 * @param sink the minute rollups
	 * @return what the join did
	 */
	EdgeJoin addEdgeRollups(Instant from, Instant to, RollupSet sink) {
		Instant scanFrom = from.minus(this.edgeSlack);
		Instant scanTo = to.plus(this.edgeSlack);
		EdgeJoiner joiner = new EdgeJoiner(from, to, sink, MAX_TRACE_SPANS);
		String targets = traces(scanFrom, scanTo);
		long spans = 0;
		JsonNode after = null;
		while (!targets.isEmpty()) {
			JsonNode hits = this.storage.search(targets, SearchBodies.edgeSpans(scanFrom, scanTo, EDGE_PAGE, after))
				.at("/hits/hits");
			for (JsonNode hit : hits) {
				joiner.accept(spanRef(hit.path("sort"), hit.path("fields")));
				spans++;
			}
			if (hits.size() < EDGE_PAGE) {
				break;
			}
			after = hits.get(hits.size() - 1).path("sort");
		}
		joiner.finish();
		return new EdgeJoin(spans, joiner.calls(), joiner.truncatedTraces());
	}

	/** Reads a span of the join: trace id, span id and kind are its sort values. */
	private static SpanRef spanRef(JsonNode sort, JsonNode fields) {
		return new SpanRef(sort.path(0).asString(), sort.path(1).asString(), first(fields, SpanFields.PARENT_SPAN_ID),
				SpanKind.valueOf(sort.path(2).asString()), first(fields, SpanFields.SERVICE_NAME),
				first(fields, SpanFields.ENVIRONMENT), first(fields, SpanFields.PEER_SERVICE),
				millis(fields.path(SpanFields.TIMESTAMP).path(0)),
				fields.path(SpanFields.DURATION_MICROS).path(0).asLong(),
				fields.path(SpanFields.LATENCY_BUCKET).path(0).asInt(),
				fields.path(SpanFields.IS_ERROR).path(0).asBoolean());
	}

	private static String first(JsonNode fields, String name) {
		return text(fields.path(name).path(0));
	}

	/**
	 * What one service-map join read and found.
	 *
	 * @param spans spans read
	 * @param calls calls counted
	 * @param truncatedTraces traces with more spans in the window than the join holds
	 */
	record EdgeJoin(long spans, long calls, long truncatedTraces) {
	}

	// Rollups

	/**
	 * Adds an hour's rollups merged from its minute rollups.
	 * @param hour the hour
	 * @param sink the hour rollups
	 */
	void addHourRollups(Instant hour, RollupSet sink) {
		String targets = targets(Resolution.MINUTE, hour, hour.plus(Resolution.HOUR.width()));
		JsonNode after = null;
		int pageSize = COMPOSITE_PAGE;
		do {
			JsonNode answer;
			try {
				answer = this.storage.search(targets, SearchBodies.hourFigures(hour, pageSize, after));
			}
			catch (StorageException ex) {
				if (ex.isTooManyBuckets() && pageSize > 1) {
					pageSize = pageSize / 2;
					continue;
				}
				throw ex;
			}
			JsonNode keys = answer.at("/aggregations/keys");
			for (JsonNode bucket : keys.path("buckets")) {
				addMerged(hour, bucket, sink);
			}
			after = keys.path("buckets").isEmpty() ? null : keys.get("after_key");
		}
		while (after != null);
	}

	private static void addMerged(Instant hour, JsonNode bucket, RollupSet sink) {
		JsonNode key = bucket.path("key");
		RollupKey rollupKey = new RollupKey(RollupKind.ofLabel(key.path("kind").asString()),
				key.path("service").asString(), text(key.path("environment")), text(key.path("endpoint")),
				text(key.path("callee")));
		Map<Integer, Long> histogram = new HashMap<>();
		for (JsonNode latency : bucket.at("/latency/buckets/buckets")) {
			histogram.put(latency.path("key").asInt(), Math.round(latency.at("/count/value").asDouble()));
		}
		Rollup rollup = sink.get(hour, rollupKey);
		rollup.add(Math.round(bucket.at("/requests/value").asDouble()),
				Math.round(bucket.at("/errors/value").asDouble()), Math.round(bucket.at("/min/value").asDouble()),
				Math.round(bucket.at("/max/value").asDouble()), Math.round(bucket.at("/sum/value").asDouble()),
				histogram);
		JsonNode method = bucket.at("/method/buckets/0/key");
		if (method.isString() && rollupKey.kind() == RollupKind.ENDPOINT) {
			rollup.httpMethod(method.asString());
		}
	}

	/**
	 * Reads the markers of minutes.
	 * @param from the first minute
	 * @param to the end, exclusive
	 * @return the span counts recorded in each marker, by minute
	 */
	Map<Instant, SpanCounts> minuteMarkers(Instant from, Instant to) {
		Map<Instant, SpanCounts> markers = new HashMap<>();
		readMarkers(Resolution.MINUTE, from, to,
				(minute, fields) -> markers.put(minute, new SpanCounts(fields.path(RollupFields.SPANS).path(0).asLong(),
						fields.path(RollupFields.WINDOW_SPANS).path(0).asLong())));
		return markers;
	}

	/**
	 * Reads the markers of hours.
	 * @param from the first hour
	 * @param to the end, exclusive
	 * @return the hours that have one
	 */
	Set<Instant> hourMarkers(Instant from, Instant to) {
		Set<Instant> markers = new HashSet<>();
		readMarkers(Resolution.HOUR, from, to, (hour, fields) -> markers.add(hour));
		return markers;
	}

	private void readMarkers(Resolution resolution, Instant from, Instant to, BiConsumer<Instant, JsonNode> consumer) {
		String targets = targets(resolution, from, to);
		Long after = null;
		while (!targets.isEmpty()) {
			JsonNode hits = this.storage.search(targets, SearchBodies.markers(resolution, from, to, MARKER_PAGE, after))
				.at("/hits/hits");
			for (JsonNode hit : hits) {
				JsonNode fields = hit.path("fields");
				consumer.accept(Instant.ofEpochMilli(millis(fields.path("@timestamp").path(0))), fields);
			}
			if (hits.size() < MARKER_PAGE) {
				break;
			}
			after = hits.get(hits.size() - 1).path("sort").path(0).asLong();
		}
	}

	/**
	 * Replaces the rollups of a range of buckets: writes the given ones, then deletes
	 * every other rollup document of the range (which a re-roll no longer produces).
	 * Rollups of one resolution and range are identical whoever computes them from the
	 * same spans, so two writers never add to each other.
	 * @param resolution the resolution
	 * @param from the first bucket
	 * @param to the end, exclusive
	 * @param rollups the rollups, all within the range
	 * @param rolledAt when they were computed
	 * @return how many documents were written
	 */
	int replace(Resolution resolution, Instant from, Instant to, Collection<Rollup> rollups, Instant rolledAt) {
		Map<Instant, List<String>> keptByBucket = new TreeMap<>();
		try (Bulk bulk = new Bulk()) {
			for (Rollup rollup : rollups) {
				String id = RollupIds.of(resolution, rollup.key(), rollup.bucket());
				bulk.index(resolution.indexFor(rollup.bucket()), id,
						RollupDocuments.rollup(rollup.document(), rolledAt));
				keptByBucket.computeIfAbsent(rollup.bucket(), (bucket) -> new ArrayList<>()).add(id);
			}
		}
		String targets = targets(resolution, from, to);
		// Documents written earlier become visible to the search for stale ones.
		this.storage.refresh(targets);
		// One search per group of buckets, each naming at most MAX_KEPT_IDS ids.
		Instant groupStart = from;
		List<String> kept = new ArrayList<>();
		for (Instant bucket = from; bucket.isBefore(to); bucket = bucket.plus(resolution.width())) {
			List<String> ids = keptByBucket.getOrDefault(bucket, List.of());
			if (!kept.isEmpty() && kept.size() + ids.size() > MAX_KEPT_IDS) {
				deleteStale(targets, resolution, groupStart, bucket, kept);
				groupStart = bucket;
				kept = new ArrayList<>();
			}
			kept.addAll(ids);
		}
		deleteStale(targets, resolution, groupStart, to, kept);
		return rollups.size();
	}

	/**
	 * Deletes the rollup documents of a range other than the kept ones, by id: search,
	 * delete, refresh, until none is left (there are rarely any).
	 */
	private void deleteStale(String targets, Resolution resolution, Instant from, Instant to, List<String> kept) {
		while (true) {
			JsonNode hits = this.storage
				.search(targets, SearchBodies.rollupsExcept(resolution, from, to, kept, STALE_PAGE))
				.at("/hits/hits");
			if (hits.isEmpty()) {
				return;
			}
			try (Bulk bulk = new Bulk()) {
				for (JsonNode hit : hits) {
					bulk.delete(hit.path("_index").asString(), hit.path("_id").asString());
				}
			}
			if (hits.size() < STALE_PAGE) {
				return;
			}
			this.storage.refresh(targets);
		}
	}

	/**
	 * Deletes the markers of buckets, if they exist.
	 * @param resolution the resolution
	 * @param buckets the bucket starts
	 */
	void deleteMarkers(Resolution resolution, Collection<Instant> buckets) {
		try (Bulk bulk = new Bulk()) {
			for (Instant bucket : buckets) {
				bulk.delete(resolution.indexFor(bucket), RollupIds.marker(resolution, bucket));
			}
		}
	}

	/**
	 * Writes the markers of buckets whose rollups are all written.
	 * @param resolution the resolution
	 * @param buckets the bucket starts, with the span counts of minutes ({@code null}
	 * values for hours)
	 * @param rolledAt when the buckets were rolled up
	 */
	void writeMarkers(Resolution resolution, Map<Instant, SpanCounts> buckets, Instant rolledAt) {
		try (Bulk bulk = new Bulk()) {
			buckets.forEach((bucket, counts) -> bulk.index(resolution.indexFor(bucket),
					RollupIds.marker(resolution, bucket), marker(resolution, bucket, rolledAt, counts)));
		}
	}

	private static byte[] marker(Resolution resolution, Instant bucket, Instant rolledAt, SpanCounts counts) {
		return (counts != null)
				? RollupDocuments.marker(resolution.label(), bucket, rolledAt, counts.spans(), counts.windowSpans())
				: RollupDocuments.marker(resolution.label(), bucket, rolledAt);
	}

	/**
	 * Makes what was written to the indices of a range searchable.
	 * @param resolution the resolution
	 * @param from the start
	 * @param to the end, exclusive
	 */
	void refresh(Resolution resolution, Instant from, Instant to) {
		String targets = targets(resolution, from, to);
		if (!targets.isEmpty()) {
			this.storage.refresh(targets);
		}
	}

	private static String targets(Resolution resolution, Instant from, Instant to) {
		return targets(resolution.family(), from, to);
	}

	private static String traces(Instant from, Instant to) {
		return targets(IndexFamily.TRACES, from, to);
	}

	private static String targets(IndexFamily family, Instant from, Instant to) {
		return String.join(",", family.indicesFor(from, to));
	}

	/**
	 * Reads a date doc value asked for in {@code epoch_millis} format, which
	 * Elasticsearch returns as a string.
	 */
	private static long millis(JsonNode node) {
		return node.isNumber() ? node.longValue() : Long.parseLong(node.asString());
	}

	private static String text(JsonNode node) {
		return (node.isMissingNode() || node.isNull()) ? null : node.asString();
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	/**
	 * A {@code _bulk} request built up and sent in bodies of at most {@link #BULK_BYTES};
	 * {@link #close()} sends the rest.
	 */
	private final class Bulk implements AutoCloseable {

		private final ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);

		void index(String index, String id, byte[] document) {
			action("index", index, id);
			this.body.writeBytes(document);
			this.body.write('\n');
			sendIfFull();
		}

		void delete(String index, String id) {
			action("delete", index, id);
			sendIfFull();
		}

		private void action(String action, String index, String id) {
			this.body.writeBytes(("{\"" + action + "\":{\"_index\":\"" + index + "\",\"_id\":\"" + id + "\"}}\n")
				.getBytes(StandardCharsets.UTF_8));
		}

		private void sendIfFull() {
			if (this.body.size() >= BULK_BYTES) {
				send();
			}
		}

		private void send() {
			if (this.body.size() > 0) {
				RollupStore.this.storage.bulk(this.body.toByteArray());
				this.body.reset();
			}
		}

		@Override
		public void close() {
			send();
		}

	}

}
