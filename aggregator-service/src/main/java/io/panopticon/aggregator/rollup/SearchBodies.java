package io.panopticon.aggregator.rollup;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import io.panopticon.storage.RollupFields;
import io.panopticon.storage.SpanFields;
import io.panopticon.common.histogram.LatencyHistogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bodies of the aggregator's Elasticsearch requests, as JSON text. Plain functions of
 * their arguments, so that a unit test can hold each against the exact JSON it must be.
 * Times are sent as epoch milliseconds, the resolution of {@code @timestamp}.
 */
final class SearchBodies {

	/**
	 * The most latency buckets one key can have: every bucket a duration can fall in, so
	 * that the {@code terms} aggregation over them is always complete.
	 */
	static final int LATENCY_TERMS = LatencyHistogram.MAX_BUCKET + 1;

	/**
	 * The fields the service-map join reads from each span (doc values only), besides
	 * {@code traceId}, {@code spanId} and {@code kind}, which come with the sort values:
	 * every field fetched costs time per span.
	 */
	static final List<String> EDGE_FIELDS = List.of(SpanFields.PARENT_SPAN_ID, SpanFields.SERVICE_NAME,
			SpanFields.ENVIRONMENT, SpanFields.PEER_SERVICE, SpanFields.DURATION_MICROS, SpanFields.LATENCY_BUCKET,
			SpanFields.IS_ERROR);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private SearchBodies() {
	}

	/**
	 * Counts spans per interval of the edge slack, from which the counts of each minute
	 * and of each minute's join window are summed.
	 * @param from the start, inclusive
	 * @param to the end, exclusive
	 * @param interval the counting interval, a divisor of one minute
	 * @return the body
	 */
	static String spanCounts(Instant from, Instant to, Duration interval) {
		ObjectNode body = JSON.createObjectNode();
		body.put("size", 0);
		body.put("track_total_hits", false);
		body.set("query", range(from, to));
		body.putObject("aggs")
			.putObject("counts")
			.putObject("date_histogram")
			.put("field", "@timestamp")
			.put("fixed_interval", interval.toSeconds() + "s")
			.put("min_doc_count", 1);
		return body.toString();
	}

	/**
	 * One page of the per-minute figures of every endpoint's requests: a composite
	 * aggregation over minute, service, environment and endpoint with the count, errors,
	 * duration stats, latency buckets and HTTP method of each.
	 * @param from the first minute
	 * @param to the end of the last minute, exclusive
	 * @param pageSize keys per page
	 * @param after the {@code after_key} of the previous page, or {@code null}
	 * @return the body
	 */
	static String endpointFigures(Instant from, Instant to, int pageSize, JsonNode after) {
		ObjectNode body = JSON.createObjectNode();
		body.put("size", 0);
		body.put("track_total_hits", false);
		ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
		filter.add(range(from, to));
		filter.addObject().putObject("term").put(SpanFields.IS_REQUEST, true);
		ObjectNode keys = body.putObject("aggs").putObject("keys");
		ObjectNode composite = keys.putObject("composite");
		composite.put("size", pageSize);
		ArrayNode sources = composite.putArray("sources");
		sources.addObject()
			.putObject("minute")
			.putObject("date_histogram")
			.put("field", "@timestamp")
			.put("fixed_interval", "1m");
		sources.addObject().putObject("service").putObject("terms").put("field", SpanFields.SERVICE_NAME);
		sources.addObject()
			.putObject("environment")
			.putObject("terms")
			.put("field", "environment")
			.put("missing_bucket", true);
		sources.addObject().putObject("endpoint").putObject("terms").put("field", SpanFields.ENDPOINT);
		if (after != null) {
			composite.set("after", after);
		}
		ObjectNode aggs = keys.putObject("aggs");
		aggs.putObject("duration").putObject("stats").put("field", SpanFields.DURATION_MICROS);
		aggs.putObject("errors").putObject("filter").putObject("term").put(SpanFields.IS_ERROR, true);
		latencyTerms(aggs.putObject("latency"), SpanFields.LATENCY_BUCKET);
		aggs.putObject("method").putObject("terms").put("field", "httpMethod").put("size", 1);
		return body.toString();
	}

	/**
	 * One page of the spans the service-map join reads: all spans of a time range, sorted
	 * by trace (then span id and kind, unique per document, so that {@code search_after}
	 * never skips or repeats one), with only the fields it needs.
	 * @param from the start, inclusive
	 * @param to the end, exclusive
	 * @param pageSize spans per page
	 * @param after the sort values of the last span of the previous page, or {@code null}
	 * @return the body
	 */
	static String edgeSpans(Instant from, Instant to, int pageSize, JsonNode after) {
		ObjectNode body = JSON.createObjectNode();
		body.put("size", pageSize);
		body.put("track_total_hits", false);
		body.put("_source", false);
		body.set("query", range(from, to));
		ArrayNode fields = body.putArray("docvalue_fields");
		EDGE_FIELDS.forEach(fields::add);
		fields.addObject().put("field", "@timestamp").put("format", "epoch_millis");
		ArrayNode sort = body.putArray("sort");
		sort.addObject().put(SpanFields.TRACE_ID, "asc");
		sort.addObject().put(SpanFields.SPAN_ID, "asc");
		sort.addObject().put(SpanFields.KIND, "asc");
		if (after != null) {
			body.set("search_after", after);
		}
		return body.toString();
	}

	/**
	 * One page of an hour's figures merged from its minute rollups: a composite
	 * aggregation over kind, service, environment, endpoint and callee with summed counts
	 * and histograms.
	 * @param hour the hour
	 * @param pageSize keys per page
	 * @param after the {@code after_key} of the previous page, or {@code null}
	 * @return the body
	 */
	static String hourFigures(Instant hour, int pageSize, JsonNode after) {
		ObjectNode body = JSON.createObjectNode();
		body.put("size", 0);
		body.put("track_total_hits", false);
		body.set("query", rollupsOf(Resolution.MINUTE, hour, hour.plus(Resolution.HOUR.width())));
		ObjectNode keys = body.putObject("aggs").putObject("keys");
		ObjectNode composite = keys.putObject("composite");
		composite.put("size", pageSize);
		ArrayNode sources = composite.putArray("sources");
		sources.addObject().putObject("kind").putObject("terms").put("field", RollupFields.KIND);
		sources.addObject().putObject("service").putObject("terms").put("field", RollupFields.SERVICE_NAME);
		for (String field : List.of(RollupFields.ENVIRONMENT, RollupFields.ENDPOINT, RollupFields.CALLEE)) {
			sources.addObject().putObject(field).putObject("terms").put("field", field).put("missing_bucket", true);
		}
		if (after != null) {
			composite.set("after", after);
		}
		ObjectNode aggs = keys.putObject("aggs");
		aggs.putObject("requests").putObject("sum").put("field", RollupFields.REQUESTS);
		aggs.putObject("errors").putObject("sum").put("field", RollupFields.ERRORS);
		aggs.putObject("min").putObject("min").put("field", RollupFields.DURATION_MIN_MICROS);
		aggs.putObject("max").putObject("max").put("field", RollupFields.DURATION_MAX_MICROS);
		aggs.putObject("sum").putObject("sum").put("field", RollupFields.DURATION_SUM_MICROS);
		aggs.putObject("method").putObject("terms").put("field", RollupFields.HTTP_METHOD).put("size", 1);
		ObjectNode latency = aggs.putObject("latency");
		latency.putObject("nested").put("path", RollupFields.LATENCY);
		ObjectNode buckets = latency.putObject("aggs").putObject("buckets");
		latencyTerms(buckets, RollupFields.LATENCY_BUCKET);
		buckets.putObject("aggs").putObject("count").putObject("sum").put("field", RollupFields.LATENCY_COUNT);
		return body.toString();
	}

	/**
	 * One page of the markers of a resolution in a time range, oldest first, with the
	 * span counts of minute markers.
	 * @param resolution the resolution
	 * @param from the first bucket
	 * @param to the end, exclusive
	 * @param pageSize markers per page
	 * @param after the bucket start (epoch milliseconds) of the last marker of the
	 * previous page, or {@code null}
	 * @return the body
	 */
	static String markers(Resolution resolution, Instant from, Instant to, int pageSize, Long after) {
		ObjectNode body = JSON.createObjectNode();
		body.put("size", pageSize);
		body.put("track_total_hits", false);
		body.put("_source", false);
		ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
		filter.add(range(from, to));
		filter.addObject().putObject("term").put("resolution", resolution.label());
		filter.addObject().putObject("term").put(RollupFields.KIND, RollupKind.MARKER.label());
		ArrayNode fields = body.putArray("docvalue_fields");
		fields.addObject().put("field", RollupFields.TIMESTAMP).put("format", "epoch_millis");
		fields.add(RollupFields.SPANS);
		fields.add(RollupFields.WINDOW_SPANS);
		body.putArray("sort").addObject().put(RollupFields.TIMESTAMP, "asc");
		if (after != null) {
			body.putArray("search_after").add(after.longValue());
		}
		return body.toString();
	}

	/**
	 * Finds the rollups of a resolution in a time range other than the given documents:
	 * those a re-roll no longer produces, such as a call first counted towards an
	 * uninstrumented peer whose instrumented callee's span arrived late. Only ids are
	 * returned.
	 * @param resolution the resolution
	 * @param from the first bucket
	 * @param to the end, exclusive
	 * @param keep the ids of the documents just written
	 * @param size the most ids to return
	 * @return the body
	 */
	static String rollupsExcept(Resolution resolution, Instant from, Instant to, Collection<String> keep, int size) {
		ObjectNode body = JSON.createObjectNode();
		body.put("size", size);
		body.put("track_total_hits", false);
		body.put("_source", false);
		ObjectNode bool = rollupsOf(resolution, from, to);
		ArrayNode values = ((ObjectNode) bool.path("bool")).putArray("must_not")
			.addObject()
			.putObject("ids")
			.putArray("values");
		keep.forEach(values::add);
		body.set("query", bool);
		return body.toString();
	}

	private static ObjectNode rollupsOf(Resolution resolution, Instant from, Instant to) {
		ObjectNode query = JSON.createObjectNode();
		ArrayNode filter = query.putObject("bool").putArray("filter");
		filter.add(range(from, to));
		filter.addObject().putObject("term").put("resolution", resolution.label());
		filter.addObject()
			.putObject("terms")
			.set("kind",
					JSON.createArrayNode()
						.add(RollupKind.SERVICE.label())
						.add(RollupKind.ENDPOINT.label())
						.add(RollupKind.EDGE.label()));
		return query;
	}

	private static void latencyTerms(ObjectNode aggregation, String field) {
		aggregation.putObject("terms")
			.put("field", field)
			.put("size", LATENCY_TERMS)
			.putObject("order")
			.put("_key", "asc");
	}

	private static ObjectNode range(Instant from, Instant to) {
		ObjectNode range = JSON.createObjectNode();
		range.putObject("range")
			.putObject("@timestamp")
			.put("gte", from.toEpochMilli())
			.put("lt", to.toEpochMilli())
			.put("format", "epoch_millis");
		return range;
	}

}
