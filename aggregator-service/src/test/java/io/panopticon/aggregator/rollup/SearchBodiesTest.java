package io.panopticon.aggregator.rollup;

import io.panopticon.testing.JsonText;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class SearchBodiesTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Instant MINUTE = Instant.parse("2026-11-22T03:04:00Z");

	@Test
	void endpointFiguresIsACompositeAggregationOverMinuteServiceEnvironmentAndEndpoint() {
		String body = SearchBodies.endpointFigures(MINUTE, MINUTE.plusSeconds(120), 250, JSON.readTree(
				"{\"minute\":1795316640000,\"service\":\"orders\",\"environment\":null,\"endpoint\":\"GET /orders\"}"));

		assertThat(JsonText.compact(body))
			.isEqualTo(JsonText.resource(JsonText.class, "/endpoint-figures-request.json"));
	}

	@Test
	void edgeSpansPagesThroughTheSlackWidenedRangeSortedByTrace() {
		String body = SearchBodies.edgeSpans(MINUTE.minusSeconds(10), MINUTE.plusSeconds(130), 10_000,
				JSON.readTree("[\"4bf92f3577b34da6a3ce929d0e0e4736\",\"00f067aa0ba902b7\",\"SERVER\"]"));

		assertThat(JsonText.compact(body)).isEqualTo(JsonText.resource(JsonText.class, "/edge-spans-request.json"));
	}

	@Test
	void hourFiguresMergesMinuteRollupsWithNestedLatencySums() {
		String body = SearchBodies.hourFigures(Instant.parse("2026-11-22T03:00:00Z"), 100, null);

		assertThat(JsonText.compact(body)).isEqualTo(JsonText.resource(JsonText.class, "/hour-figures-request.json"));
	}

	@Test
	void spanCountsCountPerSlackInterval() {
		assertThat(SearchBodies.spanCounts(MINUTE, MINUTE.plusSeconds(60), Duration.ofSeconds(10)))
			.isEqualTo("{\"size\":0,\"track_total_hits\":false,\"query\":{\"range\":{\"@timestamp\":{"
					+ "\"gte\":1795316640000,\"lt\":1795316700000,\"format\":\"epoch_millis\"}}},\"aggs\":{\"counts\":{"
					+ "\"date_histogram\":{\"field\":\"@timestamp\",\"fixed_interval\":\"10s\",\"min_doc_count\":1}}}}");
	}

	@Test
	void staleRollupsAreThoseOfTheRangeNotJustWritten() {
		assertThat(
				SearchBodies.rollupsExcept(Resolution.HOUR, MINUTE, MINUTE.plusSeconds(3600), List.of("a", "b"), 1000))
			.isEqualTo("{\"size\":1000,\"track_total_hits\":false,\"_source\":false,\"query\":{\"bool\":{\"filter\":["
					+ "{\"range\":{\"@timestamp\":{\"gte\":1795316640000,\"lt\":1795320240000,\"format\":\"epoch_millis\"}}},"
					+ "{\"term\":{\"resolution\":\"1h\"}},{\"terms\":{\"kind\":[\"service\",\"endpoint\",\"edge\"]}}],"
					+ "\"must_not\":[{\"ids\":{\"values\":[\"a\",\"b\"]}}]}}}");
	}

	@Test
	void markersArePagedOldestFirst() {
		assertThat(SearchBodies.markers(Resolution.MINUTE, MINUTE, MINUTE.plusSeconds(120), 5000, 1795316640000L))
			.isEqualTo("{\"size\":5000,\"track_total_hits\":false,\"_source\":false,\"query\":{\"bool\":{\"filter\":["
					+ "{\"range\":{\"@timestamp\":{\"gte\":1795316640000,\"lt\":1795316760000,\"format\":\"epoch_millis\"}}},"
					+ "{\"term\":{\"resolution\":\"1m\"}},{\"term\":{\"kind\":\"marker\"}}]}},\"docvalue_fields\":["
					+ "{\"field\":\"@timestamp\",\"format\":\"epoch_millis\"},\"spans\",\"windowSpans\"],"
					+ "\"sort\":[{\"@timestamp\":\"asc\"}],\"search_after\":[1795316640000]}");
	}

}
