package io.panopticon.query.servicemap;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.panopticon.storage.SpanFields;
import io.panopticon.storage.IndexFamily;
import io.panopticon.query.metrics.Figures;
import io.panopticon.query.metrics.MetricsQuery;
import io.panopticon.storage.StorageClient.Search;
import io.panopticon.storage.StorageClient;
import io.panopticon.query.metrics.Slice;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Counts the calls between services in the raw part of a range, which no rollup covers
 * yet: reads the spans of the raw slices (and of a margin around them, where the other
 * side of a call usually lies: {@link #MARGIN_BEFORE} before, {@link #MARGIN_AFTER} after
 * but not more than {@link #MARGIN_BEFORE} beyond now), then the parents that are still
 * unknown by id, and links them with {@link EdgeLinker}. Only the fields linking needs
 * are read, from doc values.
 * <p>
 * Fetching spans costs far more than aggregating them, per span and more so per sorted
 * page, so the spans are not paged through in one sorted stream: a count per time bucket
 * (one small search) cuts the window into pieces of at most {@link #PIECE} spans, read
 * unsorted, {@link #PIECES_PER_SEARCH} per multi-search. A piece that holds more than it
 * did when counted (spans still arriving), or a single time bucket with more than a
 * piece, is paged in a total order instead.
 * <p>
 * At most {@link #MAX_SPANS} spans are read; beyond that the answer is marked partial.
 * The raw part of a service map is what the aggregator has not rolled up yet (and the
 * partial minutes at the range's edges), so the cap is reached only when rollups are
 * missing or disabled over a busy range.
 */
final class RawEdgeReader {

	/**
	 * How far before the raw slices the other sides of calls are read: a caller's span
	 * whose child starts a little earlier (clocks of two hosts), as the aggregator's edge
	 * slack allows. Parents further back are looked up by id.
	 */
	static final long MARGIN_BEFORE = 10_000L;

	/** How far after the raw slices the callees of their calls are read. */
	static final long MARGIN_AFTER = 60_000L;

	/** How far before the raw slices unknown parents are looked up. */
	static final long PARENT_LOOKBACK = 3_600_000L;

	static final int MAX_SPANS = 200_000;

	/** The most spans one search of a piece reads: the default result window. */
	static final int PIECE = 10_000;

	/** Pieces read by one multi-search: its answer is about 0.4 MB per thousand spans. */
	static final int PIECES_PER_SEARCH = 2;

	/** Spans per page where a piece is paged. */
	static final int PAGE = 5_000;

	/** The most time buckets the count per bucket has. */
	static final int MAX_COUNT_BUCKETS = 2_000;

	/** The most ids in one terms lookup. */
	static final int IDS_PER_LOOKUP = 10_000;

	private static final List<String> FIELDS = List.of(SpanFields.TRACE_ID, SpanFields.SPAN_ID,
			SpanFields.PARENT_SPAN_ID, SpanFields.SERVICE_NAME, SpanFields.ENVIRONMENT, SpanFields.KIND,
			SpanFields.IS_ERROR, SpanFields.DURATION_MICROS, SpanFields.LATENCY_BUCKET, SpanFields.PEER_SERVICE);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final StorageClient storage;

	RawEdgeReader(StorageClient storage) {
		this.storage = storage;
	}

	/**
	 * Counts the calls that started in the raw slices.
	 * @param raw the raw slices of the plan
	 * @param environment only spans of this environment, or {@code null} for all
	 * @param nowMillis the time now: no span starts later
	 * @return the edges, and whether the span cap cut the reading short
	 */
	Edges read(List<Slice> raw, String environment, long nowMillis) {
		if (raw.isEmpty()) {
			return new Edges(Map.of(), false);
		}
		List<Slice> widened = widen(raw, nowMillis);
		EdgeLinker linker = new EdgeLinker();
		List<CallSpan> spans = new ArrayList<>();
		boolean partial = readPieces(widened, spans);
		linker.addAll(spans);
		Set<String> missing = new HashSet<>();
		for (CallSpan span : spans) {
			if (!span.isCaller() && inAny(raw, span.timestampMillis()) && !linker.hasParent(span)) {
				missing.add(span.parentSpanId());
				if (span.isCallee()) {
					// A client span sharing its id (Zipkin) may start before the margin.
					missing.add(span.spanId());
				}
			}
		}
		List<String> ids = new ArrayList<>(missing);
		long lookFrom = raw.get(0).fromMillis() - PARENT_LOOKBACK;
		long lookTo = raw.get(raw.size() - 1).toMillis();
		List<Slice> lookup = List.of(new Slice(lookFrom, lookTo));
		for (int i = 0; i < ids.size() && !partial; i += IDS_PER_LOOKUP) {
			List<CallSpan> parents = new ArrayList<>();
			partial = page(parents(lookup, ids.subList(i, Math.min(ids.size(), i + IDS_PER_LOOKUP))), lookup, parents);
			linker.addAll(parents);
		}
		return new Edges(linker.edges((millis) -> inAny(raw, millis), environment), partial);
	}

	/**
	 * Reads the spans of the widened slices into {@code into}: counts them per time
	 * bucket, then reads pieces of at most {@link #PIECE} spans, a few per multi-search.
	 * @return whether the span cap was reached
	 */
	private boolean readPieces(List<Slice> widened, List<CallSpan> into) {
		JsonNode counted = this.storage.multiSearch(List.of(counts(widened))).get(0);
		List<Piece> pieces = new ArrayList<>();
		boolean partial = Piece.plan(counted.path("aggregations").path("counts").path("buckets"), bucketMillis(widened),
				widened, pieces);
		// A few pieces per multi-search, so that one answer stays a few megabytes.
		for (int first = 0; first < pieces.size(); first += PIECES_PER_SEARCH) {
			List<Piece> batch = pieces.subList(first, Math.min(pieces.size(), first + PIECES_PER_SEARCH));
			List<Search> searches = new ArrayList<>();
			for (Piece piece : batch) {
				if (!piece.paged()) {
					List<Slice> slice = List.of(piece.slice());
					searches.add(
							new Search(MetricsQuery.indices(IndexFamily.TRACES, slice), piece(widened, piece.slice())));
				}
			}
			List<JsonNode> answers = new ArrayList<>(this.storage.multiSearch(searches));
			int answer = 0;
			for (Piece piece : batch) {
				ObjectNode sorted = spans(widened);
				((ArrayNode) sorted.path("query").path("bool").path("filter"))
					.add(MetricsQuery.timeFilter(List.of(piece.slice())));
				if (piece.paged()) {
					partial |= page(sorted, List.of(piece.slice()), into);
					continue;
				}
				JsonNode hits = answers.set(answer++, null).path("hits");
				if (hits.path("total").path("value").asLong() > hits.path("hits").size()) {
					// More spans than when they were counted: read this piece in pages.
					partial |= page(sorted, List.of(piece.slice()), into);
					continue;
				}
				for (JsonNode hit : hits.path("hits")) {
					into.add(span(hit.path("fields")));
				}
			}
		}
		return partial || into.size() > MAX_SPANS;
	}

	/**
	 * Reads every page of a sorted search into {@code into}.
	 * @return whether the span cap was reached
	 */
	private boolean page(ObjectNode body, List<Slice> slices, List<CallSpan> into) {
		List<String> indices = MetricsQuery.indices(IndexFamily.TRACES, slices);
		JsonNode after = null;
		while (true) {
			ObjectNode request = body.deepCopy();
			if (after != null) {
				request.set("search_after", after);
			}
			JsonNode hits = this.storage.multiSearch(List.of(new Search(indices, request)))
				.get(0)
				.path("hits")
				.path("hits");
			for (JsonNode hit : hits) {
				if (into.size() >= MAX_SPANS) {
					return true;
				}
				into.add(span(hit.path("fields")));
				after = hit.path("sort");
			}
			if (hits.size() < PAGE) {
				return false;
			}
		}
	}

	/**
	 * The count of spans per time bucket of the widened slices.
	 */
	static Search counts(List<Slice> widened) {
		ObjectNode body = JSON.createObjectNode();
		body.put("size", 0);
		body.put("track_total_hits", false);
		body.putObject("query").putObject("bool").putArray("filter").add(MetricsQuery.timeFilter(widened));
		body.putObject("aggs")
			.putObject("counts")
			.putObject("date_histogram")
			.put("field", SpanFields.TIMESTAMP)
			.put("fixed_interval", (bucketMillis(widened) / 1000) + "s")
			.put("min_doc_count", 1)
			.put("format", "epoch_millis");
		return new Search(MetricsQuery.indices(IndexFamily.TRACES, widened), body);
	}

	/**
	 * Whole seconds, so that at most {@link #MAX_COUNT_BUCKETS} buckets hold the slices.
	 */
	static long bucketMillis(List<Slice> widened) {
		long from = widened.get(0).fromMillis();
		long to = widened.get(widened.size() - 1).toMillis();
		long seconds = Math.max(1, (to - from + 1000L * MAX_COUNT_BUCKETS - 1) / (1000L * MAX_COUNT_BUCKETS));
		return seconds * 1000;
	}

	/**
	 * The search for the spans of one piece, unsorted; the total up to one more than a
	 * piece tells whether it grew.
	 */
	static ObjectNode piece(List<Slice> widened, Slice piece) {
		ObjectNode body = fields(JSON.createObjectNode());
		body.put("size", PIECE);
		body.put("track_total_hits", PIECE + 1);
		body.putArray("sort").add("_doc");
		ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
		filter.add(MetricsQuery.timeFilter(widened));
		filter.add(MetricsQuery.timeFilter(List.of(piece)));
		return body;
	}

	/**
	 * The search for the spans of the widened slices: all of them, whatever their
	 * environment, since either side of a call may be another span's parent or child.
	 */
	static ObjectNode spans(List<Slice> slices) {
		ObjectNode body = base();
		body.putObject("query").putObject("bool").putArray("filter").add(MetricsQuery.timeFilter(slices));
		return body;
	}

	/** The search for spans by id, of any kind. */
	static ObjectNode parents(List<Slice> slices, List<String> spanIds) {
		ObjectNode body = base();
		ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
		filter.add(MetricsQuery.timeFilter(slices));
		ArrayNode ids = filter.addObject().putObject("terms").putArray(SpanFields.SPAN_ID);
		spanIds.forEach(ids::add);
		return body;
	}

	private static ObjectNode fields(ObjectNode body) {
		body.put("_source", false);
		// Not even the id: reading it per hit cost about as much as the query.
		body.put("stored_fields", "_none_");
		ArrayNode fields = body.putArray("docvalue_fields");
		FIELDS.forEach(fields::add);
		fields.addObject().put("field", SpanFields.TIMESTAMP).put("format", "epoch_millis");
		return body;
	}

	private static ObjectNode base() {
		ObjectNode body = JSON.createObjectNode();
		body.put("size", PAGE);
		body.put("track_total_hits", false);
		fields(body);
		// A total order, so that search_after neither skips nor repeats a span.
		ArrayNode sort = body.putArray("sort");
		for (String field : List.of(SpanFields.TIMESTAMP, SpanFields.TRACE_ID, SpanFields.SPAN_ID, SpanFields.KIND)) {
			sort.addObject().put(field, "asc");
		}
		return body;
	}

	private static CallSpan span(JsonNode fields) {
		return new CallSpan(text(fields, SpanFields.TRACE_ID), text(fields, SpanFields.SPAN_ID),
				text(fields, SpanFields.PARENT_SPAN_ID), text(fields, SpanFields.SERVICE_NAME),
				text(fields, SpanFields.ENVIRONMENT), text(fields, SpanFields.KIND),
				fields.path(SpanFields.IS_ERROR).path(0).asBoolean(false),
				fields.path(SpanFields.DURATION_MICROS).path(0).asLong(),
				fields.path(SpanFields.LATENCY_BUCKET).path(0).asInt(), text(fields, SpanFields.PEER_SERVICE),
				Long.parseLong(fields.path(SpanFields.TIMESTAMP).path(0).asString("0")));
	}

	private static String text(JsonNode fields, String name) {
		JsonNode value = fields.path(name).path(0);
		return value.isMissingNode() ? null : value.asString();
	}

	static List<Slice> widen(List<Slice> slices, long nowMillis) {
		List<Slice> widened = new ArrayList<>();
		for (Slice slice : slices) {
			long from = slice.fromMillis() - MARGIN_BEFORE;
			// Nothing starts much later than now: a host's clock may run a little ahead.
			long to = Math.max(slice.toMillis(), Math.min(slice.toMillis() + MARGIN_AFTER, nowMillis + MARGIN_BEFORE));
			if (!widened.isEmpty() && widened.get(widened.size() - 1).toMillis() >= from) {
				Slice last = widened.remove(widened.size() - 1);
				widened.add(new Slice(last.fromMillis(), Math.max(last.toMillis(), to)));
			}
			else {
				widened.add(new Slice(from, to));
			}
		}
		return widened;
	}

	private static boolean inAny(List<Slice> slices, long millis) {
		for (Slice slice : slices) {
			if (millis >= slice.fromMillis() && millis < slice.toMillis()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A part of the widened slices read with one search, or in pages when a single time
	 * bucket held more than a piece.
	 *
	 * @param slice its time
	 * @param paged whether it is read in pages
	 */
	record Piece(Slice slice, boolean paged) {

		/**
		 * Cuts the widened slices into pieces of at most {@link #PIECE} spans as counted,
		 * which together cover them whole (spans arriving after the count still fall in
		 * one).
		 * @param buckets the counts per time bucket, in time order, empty ones left out
		 * @param bucketMillis the width of a bucket
		 * @param widened the widened slices
		 * @param into the pieces, in time order
		 * @return whether more than {@link #MAX_SPANS} spans were counted: the pieces
		 * then end with the bucket that passed the cap
		 */
		static boolean plan(JsonNode buckets, long bucketMillis, List<Slice> widened, List<Piece> into) {
			long start = widened.get(0).fromMillis();
			long count = 0;
			long total = 0;
			for (JsonNode bucket : buckets) {
				long key = bucket.path("key").asLong();
				long spans = bucket.path("doc_count").asLong();
				total += spans;
				if (spans > PIECE) {
					if (count > 0) {
						into.add(new Piece(new Slice(start, key), false));
						start = key;
					}
					into.add(new Piece(new Slice(start, key + bucketMillis), true));
					start = key + bucketMillis;
					count = 0;
				}
				else if (count + spans > PIECE) {
					into.add(new Piece(new Slice(start, key), false));
					start = key;
					count = spans;
				}
				else {
					count += spans;
				}
				if (total > MAX_SPANS) {
					if (key + bucketMillis > start) {
						into.add(new Piece(new Slice(start, key + bucketMillis), false));
					}
					return true;
				}
			}
			long end = widened.get(widened.size() - 1).toMillis();
			if (end > start) {
				into.add(new Piece(new Slice(start, end), false));
			}
			return false;
		}

	}

	/**
	 * Calls found in raw spans.
	 *
	 * @param edges figures per edge key
	 * @param partial whether the span cap cut the reading short
	 */
	record Edges(Map<String, Figures> edges, boolean partial) {
	}

}
