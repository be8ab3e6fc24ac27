package io.panopticon.query.search;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.panopticon.query.window.QueryWindow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SearchRequestTest {

	private static final CursorCodec CODEC = new CursorCodec(
			"a cursor key of thirty-two bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8),
			java.time.Duration.ofDays(7));

	@Test
	void bodyHasAFixedShapeAndNoScoring() {
		SearchRequest request = SearchRequest.builder(List.of("traces-apm-2026.11.21", "traces-apm-2026.11.22"))
			.query(Query.allOf(
					List.of(Query.term("serviceName", "orders"), Query.closedRange("durationMicros", 1500L, null)),
					List.of(Query.exists("parentSpanId"))))
			.sort(List.of(Sort.numeric("durationMicros", false), Sort.keyword("traceId", true)))
			.searchAfter(Query.JSON.createArrayNode().add(2000).add("4bf9"))
			.size(21)
			.sourceIncludes(List.of("traceId", "durationMicros"))
			.build();
		assertThat(request.indices()).containsExactly("traces-apm-2026.11.21", "traces-apm-2026.11.22");
		assertThat(request.body()).isEqualTo("{\"size\":21,\"query\":{\"bool\":{\"filter\":["
				+ "{\"term\":{\"serviceName\":\"orders\"}},{\"range\":{\"durationMicros\":{\"gte\":1500}}}],"
				+ "\"must_not\":[{\"exists\":{\"field\":\"parentSpanId\"}}]}},"
				+ "\"sort\":[{\"durationMicros\":{\"order\":\"desc\",\"unmapped_type\":\"long\"}},"
				+ "{\"traceId\":{\"order\":\"asc\",\"unmapped_type\":\"keyword\"}}],"
				+ "\"search_after\":[2000,\"4bf9\"],\"_source\":{\"includes\":[\"traceId\",\"durationMicros\"]},"
				+ "\"track_total_hits\":false}");
	}

	@Test
	void aggregationsAndTotalHits() {
		SearchRequest request = SearchRequest.builder(List.of("traces-apm-*"))
			.query(Query.term("traceId", "4bf9"))
			.size(0)
			.trackTotalHits()
			.aggregation("start", Aggregations.min("startTimeMicros"))
			.aggregation("errors", Aggregations.count(Query.term("isError", true)))
			.aggregation("services", Aggregations.terms("serviceName", 100))
			.build();
		assertThat(request.body()).isEqualTo("{\"size\":0,\"query\":{\"term\":{\"traceId\":\"4bf9\"}},"
				+ "\"track_total_hits\":true,\"aggs\":{\"start\":{\"min\":{\"field\":\"startTimeMicros\"}},"
				+ "\"errors\":{\"filter\":{\"term\":{\"isError\":true}}},"
				+ "\"services\":{\"terms\":{\"field\":\"serviceName\",\"size\":100}}}}");
	}

	@Test
	void queriesOfEveryKind() {
		assertThat(Query.allOf(List.of(), List.of())).hasToString("{\"match_all\":{}}");
		assertThat(Query.terms("kind", List.of("SERVER", "CONSUMER")))
			.hasToString("{\"terms\":{\"kind\":[\"SERVER\",\"CONSUMER\"]}}");
		assertThat(Query.halfOpenRange("startTimeMicros", 10, 20))
			.hasToString("{\"range\":{\"startTimeMicros\":{\"gte\":10,\"lt\":20}}}");
		assertThat(Query.closedRange("durationMicros", null, 7L))
			.hasToString("{\"range\":{\"durationMicros\":{\"lte\":7}}}");
		assertThat(Query.matchAllWords("message", "gateway timeout"))
			.hasToString("{\"match\":{\"message\":{\"query\":\"gateway timeout\",\"operator\":\"and\"}}}");
		assertThat(Sort.metadata("_seq_no", Sort.Type.LONG).json()).hasToString("{\"_seq_no\":{\"order\":\"asc\"}}");
	}

	@Test
	void searchAfterMustFitTheSort() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SearchRequest.builder(List.of("x"))
				.sort(List.of(Sort.numeric("a", true)))
				.searchAfter(Query.JSON.createArrayNode().add(1).add(2))
				.build())
			.withMessageContaining("2 values for 1 sorts");
	}

	@Test
	void pageHasANextCursorOnlyWhenTheExtraHitCame() {
		PagedSearch search = new PagedSearch("spans", "startTime:desc",
				List.of(Sort.numeric("startTimeMicros", false)));
		QueryWindow window = new QueryWindow(Instant.parse("2026-11-22T03:00:00Z"),
				Instant.parse("2026-11-22T03:15:00Z"));
		SearchResponse three = new SearchResponse(List.of(hit(30), hit(20), hit(10)), 3, Query.JSON.missingNode());
		Page<Long> page = search.page(window, 2, three, CODEC, (hit) -> hit.sort().get(0).asLong());
		assertThat(page.items()).containsExactly(30L, 20L);
		Cursor next = search.cursor(page.nextCursor(), CODEC);
		assertThat(next.after().toString()).isEqualTo("[20]");
		assertThat(next.window()).isEqualTo(window);
		assertThat(page.from()).isEqualTo("2026-11-22T03:00:00Z");
		Page<Long> last = search.page(window, 3, three, CODEC, (hit) -> hit.sort().get(0).asLong());
		assertThat(last.items()).hasSize(3);
		assertThat(last.nextCursor()).isNull();
	}

	private static SearchResponse.Hit hit(long sortValue) {
		return new SearchResponse.Hit("traces-apm-2026.11.22", Query.JSON.createObjectNode(),
				Query.JSON.createArrayNode().add(sortValue));
	}

}
