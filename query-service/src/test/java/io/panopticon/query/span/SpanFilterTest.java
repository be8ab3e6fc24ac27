package io.panopticon.query.span;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.panopticon.common.telemetry.SpanKind;
import io.panopticon.common.telemetry.StatusCode;
import io.panopticon.common.web.InvalidParameterException;
import io.panopticon.query.search.PagedSearch;
import io.panopticon.query.window.QueryWindow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SpanFilterTest {

	private static final QueryWindow WINDOW = new QueryWindow(Instant.parse("2026-11-21T23:50:00Z"),
			Instant.parse("2026-11-22T00:05:00Z"));

	@Test
	void everyConditionIsAFilterAndTheWindowPicksTheDailyIndices() {
		SpanFilter filter = new SpanFilter(WINDOW).service("orders")
			.environment("prod")
			.name("SELECT orders")
			.endpoint("GET /orders/{id}")
			.kinds(EnumSet.of(SpanKind.SERVER, SpanKind.CONSUMER))
			.statuses(EnumSet.of(StatusCode.ERROR))
			.error(true)
			.request(true)
			.durationMicros(1500L, 90000L)
			.traceId("4bf92f3577b34da6a3ce929d0e0e4736")
			.spanId("00f067aa0ba902b7")
			.parentSpanId("a3ce929d0e0e4736")
			.attributes(List.of("region=eu-1", "retry"));
		assertThat(filter.indices()).containsExactly("traces-apm-2026.11.21", "traces-apm-2026.11.22");
		assertThat(filter.toQuery()).hasToString("{\"bool\":{\"filter\":["
				+ "{\"range\":{\"startTimeMicros\":{\"gte\":1795305000000000,\"lt\":1795305900000000}}},"
				+ "{\"term\":{\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\"}},"
				+ "{\"term\":{\"spanId\":\"00f067aa0ba902b7\"}},{\"term\":{\"parentSpanId\":\"a3ce929d0e0e4736\"}},"
				+ "{\"term\":{\"serviceName\":\"orders\"}},{\"term\":{\"environment\":\"prod\"}},"
				+ "{\"term\":{\"name\":\"SELECT orders\"}},{\"term\":{\"endpoint\":\"GET /orders/{id}\"}},"
				+ "{\"terms\":{\"kind\":[\"SERVER\",\"CONSUMER\"]}},{\"term\":{\"status.code\":\"ERROR\"}},"
				+ "{\"term\":{\"isError\":true}},{\"term\":{\"isRequest\":true}},"
				+ "{\"range\":{\"durationMicros\":{\"gte\":1500,\"lte\":90000}}},"
				+ "{\"term\":{\"attributes\":\"region=eu-1\"}},{\"term\":{\"attributes\":\"retry\"}}]}}");
	}

	@Test
	void rootSpansAreThoseWithoutParent() {
		assertThat(new SpanFilter(WINDOW).rootsOnly().toQuery()).hasToString("{\"bool\":{\"filter\":["
				+ "{\"range\":{\"startTimeMicros\":{\"gte\":1795305000000000,\"lt\":1795305900000000}}}],"
				+ "\"must_not\":[{\"exists\":{\"field\":\"parentSpanId\"}}]}}");
	}

	@Test
	void pageRequestSortsByTheChosenFieldThenByIdentity() {
		SpanFilter filter = new SpanFilter(WINDOW).service("orders");
		PagedSearch search = SpanSort.of("Duration").search("spans", true);
		assertThat(search.sortKey()).isEqualTo("duration:asc");
		assertThat(search.request(filter.indices(), filter.toQuery(), null, 20).build().body())
			.isEqualTo("{\"size\":21,\"query\":{\"bool\":{\"filter\":["
					+ "{\"range\":{\"startTimeMicros\":{\"gte\":1795305000000000,\"lt\":1795305900000000}}},"
					+ "{\"term\":{\"serviceName\":\"orders\"}}]}},"
					+ "\"sort\":[{\"durationMicros\":{\"order\":\"asc\",\"unmapped_type\":\"long\"}},"
					+ "{\"traceId\":{\"order\":\"asc\",\"unmapped_type\":\"keyword\"}},"
					+ "{\"spanId\":{\"order\":\"asc\",\"unmapped_type\":\"keyword\"}},"
					+ "{\"kind\":{\"order\":\"asc\",\"unmapped_type\":\"keyword\"}}],\"track_total_hits\":false}");
	}

	@Test
	void unknownSortFieldListsTheValidOnes() {
		assertThat(SpanSort.of(null)).isEqualTo(SpanSort.START_TIME);
		assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> SpanSort.of("name"))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("sort"))
			.withMessageContaining("[startTime, duration]");
	}

}
