package io.panopticon.query.trace;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.panopticon.query.search.SearchResponse;

import static org.assertj.core.api.Assertions.assertThat;

class TraceAssemblyTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

	@Test
	void timesSpansAndLogsFromTheTraceStartAndLinksLogsToTheirSpan() {
		SearchResponse spans = new SearchResponse(List.of(
				hit("{\"spanId\":\"a000000000000001\",\"kind\":\"SERVER\",\"serviceName\":\"gateway\","
						+ "\"name\":\"GET /orders\",\"startTimeMicros\":1000000,\"durationMicros\":9000,"
						+ "\"status\":{\"code\":\"UNSET\"},\"isError\":false}"),
				hit("{\"spanId\":\"a000000000000002\",\"parentSpanId\":\"a000000000000001\",\"kind\":\"SERVER\","
						+ "\"serviceName\":\"orders\",\"name\":\"GET /orders/{id}\",\"startTimeMicros\":1001500,"
						+ "\"durationMicros\":5321,\"status\":{\"code\":\"ERROR\"},\"isError\":true}")),
				7, json("{\"start\":{\"value\":1000000.0},\"end\":{\"value\":1012000.0},\"errors\":{\"doc_count\":2},"
						+ "\"services\":{\"buckets\":[{\"key\":\"orders\",\"doc_count\":5},{\"key\":\"gateway\",\"doc_count\":2}]}}"));
		SearchResponse logs = new SearchResponse(
				List.of(hit("{\"timestampMicros\":999000,\"serviceName\":\"orders\","
						+ "\"level\":\"WARN\",\"message\":\"early\"}"),
						hit("{\"timestampMicros\":1002100,\"serviceName\":\"orders\",\"level\":\"ERROR\","
								+ "\"message\":\"payment gateway timeout\",\"spanId\":\"a000000000000002\"}")),
				2, JSON.missingNode());
		TraceView trace = TraceAssembly.assemble(TRACE, spans, logs);
		assertThat(trace.startTime()).isEqualTo("1970-01-01T00:00:01Z");
		assertThat(trace.duration()).isEqualTo(12.0);
		assertThat(trace.spanCount()).isEqualTo(7);
		assertThat(trace.truncated()).isTrue();
		assertThat(trace.errorCount()).isEqualTo(2);
		assertThat(trace.services()).containsExactly("orders", "gateway");
		assertThat(trace.rootService()).isEqualTo("gateway");
		assertThat(trace.spans()).extracting(TraceView.Span::offset).containsExactly(0.0, 1.5);
		assertThat(trace.spans().get(1).span().duration()).isEqualTo(5.321);
		assertThat(trace.spans().get(1).parent()).isZero();
		assertThat(trace.logs()).extracting(TraceView.Log::offset).containsExactly(-1.0, 2.1);
		assertThat(trace.logs()).extracting(TraceView.Log::span).containsExactly(null, 1);
		assertThat(trace.logsTruncated()).isFalse();
	}

	@Test
	void traceWithOnlyLogsHasNoTimingAndNothingIsNull() {
		SearchResponse noSpans = new SearchResponse(List.of(), 0, json("{\"start\":{\"value\":null}}"));
		SearchResponse logs = new SearchResponse(
				List.of(hit("{\"timestampMicros\":5,\"serviceName\":\"orders\",\"level\":\"INFO\",\"message\":\"m\"}")),
				1, JSON.missingNode());
		TraceView trace = TraceAssembly.assemble(TRACE, noSpans, logs);
		assertThat(trace.startTime()).isNull();
		assertThat(trace.spans()).isEmpty();
		assertThat(trace.logs().get(0).offset()).isNull();
		assertThat(TraceAssembly.assemble(TRACE, noSpans, new SearchResponse(List.of(), 0, JSON.missingNode())))
			.isNull();
	}

	@Test
	void summariesGetTheFiguresOfTheirWholeTrace() {
		TraceSummary listed = TraceSummary.of(json("{\"traceId\":\"aa\",\"spanId\":\"a000000000000001\","
				+ "\"serviceName\":\"gateway\",\"startTimeMicros\":1000000,\"durationMicros\":9000}"));
		TraceSummary unknown = TraceSummary.of(json("{\"traceId\":\"cc\",\"startTimeMicros\":1,\"durationMicros\":1}"));
		List<TraceSummary> enriched = TraceSummary.withTraceFigures(List.of(listed, unknown),
				json("{\"traces\":{\"buckets\":[{\"key\":\"aa\",\"doc_count\":6,\"errors\":{\"doc_count\":1},"
						+ "\"services\":{\"buckets\":[{\"key\":\"orders\",\"doc_count\":4},"
						+ "{\"key\":\"gateway\",\"doc_count\":2}]}}]}}"));
		assertThat(enriched.get(0).spanCount()).isEqualTo(6);
		assertThat(enriched.get(0).errorCount()).isEqualTo(1);
		assertThat(enriched.get(0).services()).containsExactly("orders", "gateway");
		assertThat(enriched.get(0).duration()).isEqualTo(9.0);
		assertThat(enriched.get(1)).isEqualTo(unknown);
		assertThat(enriched.get(1).spanCount()).isNull();
	}

	private static SearchResponse.Hit hit(String source) {
		return new SearchResponse.Hit("traces-apm-2026.11.22", json(source), JSON.createArrayNode());
	}

	private static JsonNode json(String text) {
		return JSON.readTree(text);
	}

}
