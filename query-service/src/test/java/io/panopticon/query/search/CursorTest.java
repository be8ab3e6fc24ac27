package io.panopticon.query.search;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;

import io.panopticon.common.web.InvalidParameterException;
import io.panopticon.query.window.QueryWindow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CursorTest {

	private static final List<Sort> SPAN_SORT = List.of(Sort.numeric("startTimeMicros", false),
			Sort.keyword("traceId", true), Sort.keyword("spanId", true), Sort.keyword("kind", true));

	private static final QueryWindow WINDOW = new QueryWindow(Instant.parse("2026-11-22T03:00:00.000001Z"),
			Instant.parse("2026-11-22T03:15:00Z"));

	@Test
	void roundTripsSortValuesAndWindow() {
		Cursor cursor = new Cursor("spans", "startTime:desc", WINDOW,
				after(1795316400000123L, "4bf9", "00f0", "SERVER"));
		String text = cursor.encode();
		assertThat(text).matches("[A-Za-z0-9_-]+");
		Cursor decoded = Cursor.decode(text, "spans", "startTime:desc", SPAN_SORT);
		assertThat(decoded.window()).isEqualTo(WINDOW);
		assertThat(decoded.after().toString()).isEqualTo("[1795316400000123,\"4bf9\",\"00f0\",\"SERVER\"]");
	}

	@Test
	void cursorOfAnotherSearchOrSortIsRefused() {
		String text = new Cursor("spans", "startTime:desc", WINDOW, after(1L, "a", "b", "SERVER")).encode();
		assertRefused(() -> Cursor.decode(text, "traces", "startTime:desc", SPAN_SORT), "another search or sort");
		assertRefused(() -> Cursor.decode(text, "spans", "duration:desc", SPAN_SORT), "another search or sort");
	}

	@Test
	void garbageIsRefusedNamingTheCursor() {
		assertRefused(() -> Cursor.decode("not a cursor!", "spans", "startTime:desc", SPAN_SORT), "not a cursor");
		assertRefused(() -> Cursor.decode(base64("{\"v\":1}"), "spans", "startTime:desc", SPAN_SORT), "not a cursor");
		assertRefused(() -> Cursor.decode(base64("[1,2]"), "spans", "startTime:desc", SPAN_SORT), "not a cursor");
		assertRefused(() -> Cursor.decode("x".repeat(5000), "spans", "startTime:desc", SPAN_SORT), "too long");
	}

	@Test
	void sortValuesOfTheWrongShapeAreRefused() {
		String wrongCount = new Cursor("spans", "startTime:desc", WINDOW, after(1L, "a")).encode();
		assertRefused(() -> Cursor.decode(wrongCount, "spans", "startTime:desc", SPAN_SORT), "not a cursor");
		ArrayNode wrongType = Query.JSON.createArrayNode().add("1").add("a").add("b").add("SERVER");
		String text = new Cursor("spans", "startTime:desc", WINDOW, wrongType).encode();
		assertRefused(() -> Cursor.decode(text, "spans", "startTime:desc", SPAN_SORT), "not a cursor");
	}

	@Test
	void emptyWindowIsRefused() {
		String text = base64(
				"{\"v\":1,\"q\":\"spans\",\"s\":\"startTime:desc\",\"f\":5,\"t\":5,\"a\":[1,\"a\",\"b\",\"c\"]}");
		assertRefused(() -> Cursor.decode(text, "spans", "startTime:desc", SPAN_SORT), "not a cursor");
	}

	private static ArrayNode after(long first, String... rest) {
		ArrayNode values = Query.JSON.createArrayNode().add(first);
		for (String value : rest) {
			values.add(value);
		}
		return values;
	}

	private static String base64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes());
	}

	private static void assertRefused(Runnable decode, String reason) {
		assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(decode::run)
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("cursor"))
			.withMessageContaining(reason);
	}

}
