package io.panopticon.query.trace;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.node.ObjectNode;

import io.panopticon.storage.IndexFamily;
import io.panopticon.query.log.LogFields;
import io.panopticon.query.search.Aggregations;
import io.panopticon.query.search.Query;
import io.panopticon.query.search.SearchRequest;
import io.panopticon.query.search.Sort;
import io.panopticon.storage.SpanFields;
import io.panopticon.query.span.SpanFilter;

/**
 * The Elasticsearch searches behind the trace endpoints. Plain Java; the unit test pins
 * their exact JSON.
 */
final class TraceRequests {

	/** The most services a trace summary names. */
	static final int MAX_SERVICES = 100;

	private TraceRequests() {
	}

	/**
	 * The spans of a trace (or of the part asked for), earliest first, with the figures
	 * of all of them as aggregations ({@code start}, {@code end}, {@code errors},
	 * {@code services}), which stay exact when the spans are capped. Every daily index is
	 * searched: the trace id alone does not tell the day, and a term lookup in an index
	 * without the id is cheap.
	 * @param part the trace, or the part of it of one service or environment
	 * @param maxSpans the most spans to return
	 * @return the search
	 */
	static SearchRequest spans(TracePart part, int maxSpans) {
		return SearchRequest.builder(List.of(IndexFamily.TRACES.pattern()))
			.query(part.query(SpanFields.TRACE_ID, SpanFields.SERVICE_NAME, SpanFields.ENVIRONMENT))
			.sort(List.of(Sort.numeric(SpanFields.START_TIME_MICROS, true), Sort.keyword(SpanFields.SPAN_ID, true),
					Sort.keyword(SpanFields.KIND, true)))
			.size(maxSpans)
			.trackTotalHits()
			.aggregation("start", Aggregations.min(SpanFields.START_TIME_MICROS))
			.aggregation("end", Aggregations.max(SpanFields.END_TIME_MICROS))
			.aggregation("errors", Aggregations.count(Query.term(SpanFields.IS_ERROR, true)))
			.aggregation("services", Aggregations.terms(SpanFields.SERVICE_NAME, MAX_SERVICES))
			.build();
	}

	/**
	 * The log events of a trace (or of the part asked for), earliest first.
	 * @param part the trace, or the part of it of one service or environment
	 * @param maxLogs the most events to return
	 * @return the search
	 */
	static SearchRequest logs(TracePart part, int maxLogs) {
		return SearchRequest.builder(List.of(IndexFamily.LOGS.pattern()))
			.query(part.query(LogFields.TRACE_ID, LogFields.SERVICE_NAME, LogFields.ENVIRONMENT))
			.sort(List.of(Sort.numeric(LogFields.TIMESTAMP_MICROS, true), Sort.metadata("_index", Sort.Type.KEYWORD),
					Sort.metadata("_seq_no", Sort.Type.LONG)))
			.size(maxLogs)
			.trackTotalHits()
			.build();
	}

	/**
	 * The figures of whole traces, for the traces a list shows: per trace its span count,
	 * error count and services. Every daily index is searched, since a trace may go on
	 * into the next day; the query is a lookup of a few ids.
	 * @param traceIds the traces, at most a page of them
	 * @return the search, answered by the {@code traces} aggregation alone
	 */
	static SearchRequest traceFigures(Collection<String> traceIds) {
		Map<String, ObjectNode> perTrace = new LinkedHashMap<>();
		perTrace.put("errors", Aggregations.count(Query.term(SpanFields.IS_ERROR, true)));
		perTrace.put("services", Aggregations.terms(SpanFields.SERVICE_NAME, MAX_SERVICES));
		return SearchRequest.builder(List.of(IndexFamily.TRACES.pattern()))
			.query(Query.terms(SpanFields.TRACE_ID, traceIds))
			.size(0)
			.aggregation("traces", Aggregations.terms(SpanFields.TRACE_ID, traceIds.size(), perTrace))
			.build();
	}

	/**
	 * The latest error requests of an endpoint.
	 * @param errors the endpoint's error request spans in the window
	 * @param limit how many
	 * @return the search
	 */
	static SearchRequest endpointErrors(SpanFilter errors, int limit) {
		return SearchRequest.builder(errors.indices())
			.query(errors.toQuery())
			.sort(List.of(Sort.numeric(SpanFields.START_TIME_MICROS, false), Sort.keyword(SpanFields.TRACE_ID, true),
					Sort.keyword(SpanFields.SPAN_ID, true), Sort.keyword(SpanFields.KIND, true)))
			.size(limit)
			.sourceIncludes(TraceSummary.SOURCE_FIELDS)
			.build();
	}

	/**
	 * The slowest requests of an endpoint.
	 * @param endpoint the endpoint's request spans in the window
	 * @param limit how many
	 * @return the search
	 */
	static SearchRequest endpointSlowest(SpanFilter endpoint, int limit) {
		return SearchRequest.builder(endpoint.indices())
			.query(endpoint.toQuery())
			.sort(List.of(Sort.numeric(SpanFields.DURATION_MICROS, false), Sort.keyword(SpanFields.TRACE_ID, true),
					Sort.keyword(SpanFields.SPAN_ID, true), Sort.keyword(SpanFields.KIND, true)))
			.size(limit)
			.sourceIncludes(TraceSummary.SOURCE_FIELDS)
			.build();
	}

}
