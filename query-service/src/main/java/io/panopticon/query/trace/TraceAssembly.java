package io.panopticon.query.trace;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import io.panopticon.query.log.LogFields;
import io.panopticon.query.log.LogView;
import io.panopticon.query.search.SearchResponse;
import io.panopticon.query.search.Times;
import io.panopticon.storage.SpanFields;
import io.panopticon.query.span.SpanView;

/**
 * Builds a {@link TraceView} from what the span and log searches of a trace found. Plain
 * Java.
 */
final class TraceAssembly {

	private TraceAssembly() {
	}

	/**
	 * Assembles a trace.
	 * @param traceId the trace id
	 * @param spans what {@link TraceRequests#spans} found
	 * @param logs what {@link TraceRequests#logs} found
	 * @return the trace, or {@code null} when neither search found anything
	 */
	static TraceView assemble(String traceId, SearchResponse spans, SearchResponse logs) {
		if (spans.hits().isEmpty() && logs.hits().isEmpty()) {
			return null;
		}
		List<Waterfall.Span> layout = new ArrayList<>();
		for (SearchResponse.Hit hit : spans.hits()) {
			JsonNode source = hit.source();
			layout.add(new Waterfall.Span(source.path(SpanFields.SPAN_ID).asString(),
					source.path(SpanFields.PARENT_SPAN_ID).isString()
							? source.path(SpanFields.PARENT_SPAN_ID).asString() : null,
					source.path(SpanFields.KIND).asString(""), source.path(SpanFields.SERVICE_NAME).asString(null),
					source.path(SpanFields.START_TIME_MICROS).asLong()));
		}
		Waterfall waterfall = Waterfall.of(layout);
		JsonNode aggregations = spans.aggregations();
		Long start = spans.hits().isEmpty() ? null : aggregations.path("start").path("value").asLong();
		Long end = spans.hits().isEmpty() ? null : aggregations.path("end").path("value").asLong();

		List<TraceView.Span> rows = new ArrayList<>(spans.hits().size());
		for (Waterfall.Row row : waterfall.rows()) {
			JsonNode source = spans.hits().get(row.span()).source();
			rows.add(new TraceView.Span(SpanView.of(source), Times.millis(layout.get(row.span()).startMicros() - start),
					row.depth(), row.parent(), row.children()));
		}
		List<TraceView.Log> events = new ArrayList<>(logs.hits().size());
		for (SearchResponse.Hit hit : logs.hits()) {
			JsonNode source = hit.source();
			Double offset = (start != null) ? Times.millis(source.path(LogFields.TIMESTAMP_MICROS).asLong() - start)
					: null;
			Integer row = waterfall.rowOf(source.path(LogFields.SPAN_ID).asString(null),
					source.path(LogFields.SERVICE_NAME).asString(null));
			events.add(new TraceView.Log(LogView.of(source), offset, row));
		}
		List<String> services = new ArrayList<>();
		for (JsonNode bucket : aggregations.path("services").path("buckets")) {
			services.add(bucket.path("key").asString());
		}
		TraceView.Span root = rows.isEmpty() ? null : rows.get(0);
		return new TraceView(traceId, (start != null) ? Times.iso(start) : null,
				(start != null) ? Times.millis(Math.max(0, end - start)) : null, spans.total(),
				aggregations.path("errors").path("doc_count").asLong(0), services,
				(root != null) ? root.span().serviceName() : null, (root != null) ? root.span().name() : null,
				spans.total() > spans.hits().size(), rows, logs.total(), logs.total() > logs.hits().size(), events);
	}

}
