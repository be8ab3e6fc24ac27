package io.panopticon.query.log;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.panopticon.common.telemetry.LogLevel;
import io.panopticon.query.search.Cursor;
import io.panopticon.query.search.CursorCodec;
import io.panopticon.query.search.PagedSearch;

import io.panopticon.query.window.QueryWindow;

import static org.assertj.core.api.Assertions.assertThat;

class LogFilterTest {

	private static final QueryWindow WINDOW = new QueryWindow(Instant.parse("2026-11-22T03:00:00Z"),
			Instant.parse("2026-11-22T03:15:00Z"));

	@Test
	void searchOfOnePageAfterACursor() {
		LogFilter filter = new LogFilter(WINDOW).service("orders")
			.environment("prod")
			.levels(EnumSet.of(LogLevel.ERROR, LogLevel.FATAL))
			.traceId("4bf92f3577b34da6a3ce929d0e0e4736")
			.spanId("00f067aa0ba902b7")
			.attributes(List.of("exception.type=TimeoutException"))
			.text("gateway timeout");
		PagedSearch search = LogFilter.search(false);
		Cursor cursor = new Cursor("logs", "timestamp:desc", WINDOW,
				JsonMapper.shared().createArrayNode().add(1795316400000123L).add("logs-apm-2026.11.22").add(41));
		assertThat(filter.indices()).containsExactly("logs-apm-2026.11.22");
		assertThat(search.request(filter.indices(), filter.toQuery(), cursor, 50).build().body())
			.isEqualTo("{\"size\":51,\"query\":{\"bool\":{\"filter\":["
					+ "{\"range\":{\"timestampMicros\":{\"gte\":1795316400000000,\"lt\":1795317300000000}}},"
					+ "{\"term\":{\"serviceName\":\"orders\"}},{\"term\":{\"environment\":\"prod\"}},"
					+ "{\"terms\":{\"level\":[\"ERROR\",\"FATAL\"]}},"
					+ "{\"term\":{\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\"}},"
					+ "{\"term\":{\"spanId\":\"00f067aa0ba902b7\"}},"
					+ "{\"term\":{\"attributes\":\"exception.type=TimeoutException\"}},"
					+ "{\"match\":{\"message\":{\"query\":\"gateway timeout\",\"operator\":\"and\"}}}]}},"
					+ "\"sort\":[{\"timestampMicros\":{\"order\":\"desc\",\"unmapped_type\":\"long\"}},"
					+ "{\"_index\":{\"order\":\"asc\"}},{\"_seq_no\":{\"order\":\"asc\"}}],"
					+ "\"search_after\":[1795316400000123,\"logs-apm-2026.11.22\",41],\"track_total_hits\":false}");
	}

	@Test
	void aCursorFitsOnlyItsOwnOrder() {
		CursorCodec codec = new CursorCodec("a cursor key of thirty-two bytes".getBytes(StandardCharsets.UTF_8),
				Duration.ofDays(7));
		String text = codec.encode(new Cursor("logs", "timestamp:asc", WINDOW,
				JsonMapper.shared().createArrayNode().add(1L).add("logs-apm-2026.11.22").add(0)));
		assertThat(LogFilter.search(true).cursor(text, codec).after().size()).isEqualTo(3);
	}

}
