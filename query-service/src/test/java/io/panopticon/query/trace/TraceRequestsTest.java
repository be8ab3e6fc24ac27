package io.panopticon.query.trace;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.panopticon.query.search.SearchRequest;
import io.panopticon.query.span.SpanFilter;
import io.panopticon.query.window.QueryWindow;

import static org.assertj.core.api.Assertions.assertThat;

class TraceRequestsTest {

	private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

	@Test
	void spansOfATraceWithWholeTraceFigures() {
		SearchRequest request = TraceRequests.spans(new TracePart(TRACE, null, null), 5000);
		assertThat(request.indices()).containsExactly("traces-apm-*");
		assertThat(request.body()).isEqualTo("{\"size\":5000,\"query\":{\"term\":{\"traceId\":\"" + TRACE + "\"}},"
				+ "\"sort\":[{\"startTimeMicros\":{\"order\":\"asc\",\"unmapped_type\":\"long\"}},"
				+ "{\"spanId\":{\"order\":\"asc\",\"unmapped_type\":\"keyword\"}},"
				+ "{\"kind\":{\"order\":\"asc\",\"unmapped_type\":\"keyword\"}}],\"track_total_hits\":true,"
				+ "\"aggs\":{\"start\":{\"min\":{\"field\":\"startTimeMicros\"}},"
				+ "\"end\":{\"max\":{\"field\":\"endTimeMicros\"}},"
				+ "\"errors\":{\"filter\":{\"term\":{\"isError\":true}}},"
				+ "\"services\":{\"terms\":{\"field\":\"serviceName\",\"size\":100}}}}");
	}

	@Test
	void figuresOfTheListedTraces() {
		SearchRequest request = TraceRequests.traceFigures(new LinkedHashSet<>(List.of("aa", "bb")));
		assertThat(request.indices()).containsExactly("traces-apm-*");
		assertThat(request.body()).isEqualTo("{\"size\":0,\"query\":{\"terms\":{\"traceId\":[\"aa\",\"bb\"]}},"
				+ "\"track_total_hits\":false,\"aggs\":{\"traces\":{\"terms\":{\"field\":\"traceId\",\"size\":2},"
				+ "\"aggs\":{\"errors\":{\"filter\":{\"term\":{\"isError\":true}}},"
				+ "\"services\":{\"terms\":{\"field\":\"serviceName\",\"size\":100}}}}}}");
	}

	@Test
	void logsOfATrace() {
		SearchRequest request = TraceRequests.logs(new TracePart(TRACE, null, null), 1000);
		assertThat(request.indices()).containsExactly("logs-apm-*");
		assertThat(request.body()).isEqualTo("{\"size\":1000,\"query\":{\"term\":{\"traceId\":\"" + TRACE + "\"}},"
				+ "\"sort\":[{\"timestampMicros\":{\"order\":\"asc\",\"unmapped_type\":\"long\"}},"
				+ "{\"_index\":{\"order\":\"asc\"}},{\"_seq_no\":{\"order\":\"asc\"}}],\"track_total_hits\":true}");
	}

	@Test
	void errorAndSlowRequestsOfAnEndpoint() {
		QueryWindow window = new QueryWindow(Instant.parse("2026-11-22T03:00:00Z"),
				Instant.parse("2026-11-22T03:15:00Z"));
		String filters = "{\"range\":{\"startTimeMicros\":{\"gte\":1795316400000000,\"lt\":1795317300000000}}},"
				+ "{\"term\":{\"serviceName\":\"orders\"}},{\"term\":{\"endpoint\":\"GET /orders/{id}\"}},";
		String source = "\"_source\":{\"includes\":[\"traceId\",\"spanId\",\"serviceName\",\"environment\",\"name\","
				+ "\"endpoint\",\"kind\",\"startTimeMicros\",\"durationMicros\",\"status.code\",\"isError\","
				+ "\"httpMethod\",\"httpStatusCode\"]}";
		String identity = "{\"traceId\":{\"order\":\"asc\",\"unmapped_type\":\"keyword\"}},"
				+ "{\"spanId\":{\"order\":\"asc\",\"unmapped_type\":\"keyword\"}},"
				+ "{\"kind\":{\"order\":\"asc\",\"unmapped_type\":\"keyword\"}}]";
		SearchRequest errors = TraceRequests.endpointErrors(
				new SpanFilter(window).service("orders").endpoint("GET /orders/{id}").request(true).error(true), 10);
		assertThat(errors.indices()).containsExactly("traces-apm-2026.11.22");
		assertThat(errors.body()).isEqualTo("{\"size\":10,\"query\":{\"bool\":{\"filter\":[" + filters
				+ "{\"term\":{\"isError\":true}},{\"term\":{\"isRequest\":true}}]}},"
				+ "\"sort\":[{\"startTimeMicros\":{\"order\":\"desc\",\"unmapped_type\":\"long\"}}," + identity + ","
				+ source + ",\"track_total_hits\":false}");
		SearchRequest slow = TraceRequests.endpointSlowest(new SpanFilter(window).service("orders")
			.endpoint("GET /orders/{id}")
			.request(true)
			.durationMicros(250_000L, null), 10);
		assertThat(slow.body()).isEqualTo("{\"size\":10,\"query\":{\"bool\":{\"filter\":[" + filters
				+ "{\"term\":{\"isRequest\":true}},{\"range\":{\"durationMicros\":{\"gte\":250000}}}]}},"
				+ "\"sort\":[{\"durationMicros\":{\"order\":\"desc\",\"unmapped_type\":\"long\"}}," + identity + ","
				+ source + ",\"track_total_hits\":false}");
	}

}
