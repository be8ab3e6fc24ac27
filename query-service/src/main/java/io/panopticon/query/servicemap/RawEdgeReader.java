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
 * yet: reads the spans of the raw slices (and of {@link #MARGIN} around them, where the
 * other side of a call usually lies, a wider margin than the aggregator's edge slack),
 * then the parents that are still unknown by id, and links them with {@link EdgeLinker}.
 * Only the fields linking needs are read, from doc values, in pages.
 * <p>
 * At most {@link #MAX_SPANS} spans are read; beyond that the answer is marked partial.
 * The raw part is the newest {@code ROLLUP_THRESHOLD_MINUTES} of a range and the minutes
 * the aggregator has not completed, so the cap is reached only when rollups are missing
 * or disabled over a busy range.
 */
final class RawEdgeReader {

	/** How far around the raw slices the other sides of calls are looked for. */
	static final long MARGIN = 60_000L;

	/** How far before the raw slices unknown parents are looked for. */
	static final long PARENT_LOOKBACK = 3_600_000L;

	static final int MAX_SPANS = 200_000;

	static final int PAGE = 5_000;

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
	 * @return the edges, and whether the span cap cut the reading short
	 */
	Edges read(List<Slice> raw, String environment) {
		if (raw.isEmpty()) {
			return new Edges(Map.of(), false);
		}
		List<Slice> widened = widen(raw);
		EdgeLinker linker = new EdgeLinker();
		List<CallSpan> spans = new ArrayList<>();
		boolean partial = page(spans(widened), IndexFamily.TRACES, widened, spans);
		linker.addAll(spans);
		Set<String> missing = new HashSet<>();
		for (CallSpan span : spans) {
			if (!span.isCaller() && inAny(raw, span.timestampMillis()) && !linker.hasParent(span)) {
				missing.add(span.parentSpanId());
			}
		}
		List<String> ids = new ArrayList<>(missing);
		long lookFrom = raw.get(0).fromMillis() - PARENT_LOOKBACK;
		long lookTo = raw.get(raw.size() - 1).toMillis();
		List<Slice> lookup = List.of(new Slice(lookFrom, lookTo));
		for (int i = 0; i < ids.size() && !partial; i += IDS_PER_LOOKUP) {
			List<CallSpan> parents = new ArrayList<>();
			partial = page(parents(lookup, ids.subList(i, Math.min(ids.size(), i + IDS_PER_LOOKUP))),
					IndexFamily.TRACES, lookup, parents);
			linker.addAll(parents);
		}
		return new Edges(linker.edges((millis) -> inAny(raw, millis), environment), partial);
	}

	/**
	 * Reads every page of a search into {@code into}.
	 * @return whether the span cap was reached
	 */
	private boolean page(ObjectNode body, IndexFamily family, List<Slice> slices, List<CallSpan> into) {
		List<String> indices = MetricsQuery.indices(family, slices);
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

	private static ObjectNode base() {
		ObjectNode body = JSON.createObjectNode();
		body.put("size", PAGE);
		body.put("track_total_hits", false);
		body.put("_source", false);
		ArrayNode fields = body.putArray("docvalue_fields");
		FIELDS.forEach(fields::add);
		fields.addObject().put("field", SpanFields.TIMESTAMP).put("format", "epoch_millis");
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

	private static List<Slice> widen(List<Slice> slices) {
		List<Slice> widened = new ArrayList<>();
		for (Slice slice : slices) {
			long from = slice.fromMillis() - MARGIN;
			long to = slice.toMillis() + MARGIN;
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
	 * Calls found in raw spans.
	 *
	 * @param edges figures per edge key
	 * @param partial whether the span cap cut the reading short
	 */
	record Edges(Map<String, Figures> edges, boolean partial) {
	}

}
