package io.panopticon.query.search;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

	private static final byte[] KEY = "a cursor key of thirty-two bytes".getBytes(StandardCharsets.UTF_8);

	private static final CursorCodec CODEC = new CursorCodec(KEY, Duration.ofDays(7));

	@Test
	void roundTripsSortValuesAndWindow() {
		Cursor cursor = new Cursor("spans", "startTime:desc", WINDOW,
				after(1795316400000123L, "4bf9", "00f0", "SERVER"));
		String text = CODEC.encode(cursor);
		assertThat(text).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}");
		Cursor decoded = CODEC.decode(text, "spans", "startTime:desc", SPAN_SORT);
		assertThat(decoded.window()).isEqualTo(WINDOW);
		assertThat(decoded.after().toString()).isEqualTo("[1795316400000123,\"4bf9\",\"00f0\",\"SERVER\"]");
	}

	@Test
	void cursorOfAnotherSearchOrSortIsRefused() {
		String text = CODEC.encode(new Cursor("spans", "startTime:desc", WINDOW, after(1L, "a", "b", "SERVER")));
		assertRefused(() -> CODEC.decode(text, "traces", "startTime:desc", SPAN_SORT), "another search or sort");
		assertRefused(() -> CODEC.decode(text, "spans", "duration:desc", SPAN_SORT), "another search or sort");
	}

	@Test
	void garbageIsRefusedNamingTheCursor() {
		for (String garbage : new String[] { "not a cursor!", "a.b.c", ".", "abc.", "eyJ2IjoxfQ", "eyJ2IjoxfQ.%%",
				"\u00e9\u00e9.\u00e9" }) {
			assertRefused(() -> CODEC.decode(garbage, "spans", "startTime:desc", SPAN_SORT), "not a cursor");
		}
		assertRefused(() -> CODEC.decode("x".repeat(5000), "spans", "startTime:desc", SPAN_SORT), "too long");
	}

	@Test
	void anUnsignedOrTamperedCursorIsRefused() {
		// What cursors were before they were signed: any window a client liked.
		String json = "{\"v\":1,\"q\":\"spans\",\"s\":\"startTime:desc\",\"f\":-9223372036854775000,"
				+ "\"t\":9223372036854775000,\"a\":[1,\"a\",\"b\",\"c\"]}";
		assertRefused(() -> CODEC.decode(base64(json), "spans", "startTime:desc", SPAN_SORT), "not a cursor");
		String signed = CODEC.encode(new Cursor("spans", "startTime:desc", WINDOW, after(1L, "a", "b", "SERVER")));
		String signature = signed.substring(signed.indexOf('.'));
		assertRefused(() -> CODEC.decode(base64(json) + signature, "spans", "startTime:desc", SPAN_SORT),
				"not a cursor");
		char last = signed.charAt(signed.length() - 1);
		String flipped = signed.substring(0, signed.length() - 1) + ((last == 'A') ? 'B' : 'A');
		assertRefused(() -> CODEC.decode(flipped, "spans", "startTime:desc", SPAN_SORT), "not a cursor");
	}

	@Test
	void aCursorSignedWithAnotherKeyIsRefused() {
		CursorCodec other = new CursorCodec("another key, also of thirty-two.".getBytes(StandardCharsets.UTF_8),
				Duration.ofDays(7));
		String text = other.encode(new Cursor("spans", "startTime:desc", WINDOW, after(1L, "a", "b", "SERVER")));
		assertRefused(() -> CODEC.decode(text, "spans", "startTime:desc", SPAN_SORT), "not a cursor");
		assertThat(new CursorCodec(KEY.clone(), Duration.ofDays(7)).decode(
				CODEC.encode(new Cursor("spans", "startTime:desc", WINDOW, after(1L, "a", "b", "SERVER"))), "spans",
				"startTime:desc", SPAN_SORT))
			.as("replicas with the same key read each other's cursors")
			.isNotNull();
	}

	@Test
	void sortValuesOfTheWrongShapeAreRefused() {
		String wrongCount = CODEC.encode(new Cursor("spans", "startTime:desc", WINDOW, after(1L, "a")));
		assertRefused(() -> CODEC.decode(wrongCount, "spans", "startTime:desc", SPAN_SORT), "not a cursor");
		ArrayNode wrongType = Query.JSON.createArrayNode().add("1").add("a").add("b").add("SERVER");
		String text = CODEC.encode(new Cursor("spans", "startTime:desc", WINDOW, wrongType));
		assertRefused(() -> CODEC.decode(text, "spans", "startTime:desc", SPAN_SORT), "not a cursor");
	}

	@Test
	void theWindowOfASignedCursorIsCheckedAgainOnUse() {
		// Issued while the maximum was longer, or by an instance configured otherwise.
		CursorCodec generous = new CursorCodec(KEY, Duration.ofDays(3650));
		QueryWindow year = new QueryWindow(Instant.parse("2025-11-22T00:00:00Z"),
				Instant.parse("2026-11-22T00:00:00Z"));
		String text = generous.encode(new Cursor("spans", "startTime:desc", year, after(1L, "a", "b", "SERVER")));
		assertRefused(() -> CODEC.decode(text, "spans", "startTime:desc", SPAN_SORT), "maximum");
		QueryWindow farFuture = new QueryWindow(Instant.parse("2300-01-01T00:00:00Z"),
				Instant.parse("2300-01-02T00:00:00Z"));
		String future = generous.encode(new Cursor("spans", "startTime:desc", farFuture, after(1L, "a", "b", "c")));
		assertRefused(() -> CODEC.decode(future, "spans", "startTime:desc", SPAN_SORT), "2262");
	}

	@Test
	void aShortKeyIsRefusedAtStartUp() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new CursorProperties("short"))
			.withMessageContaining("PANOPTICON_CURSOR_KEY");
		assertThat(new CursorProperties("  ").hasKey()).isFalse();
		assertThat(new CursorProperties(new String(KEY, StandardCharsets.UTF_8)).toString())
			.doesNotContain("cursor key");
	}

	@Test
	void randomKeysDifferPerStart() {
		CursorProperties none = new CursorProperties("");
		String text = CursorCodec.of(none, Duration.ofDays(7))
			.encode(new Cursor("spans", "startTime:desc", WINDOW, after(1L, "a", "b", "SERVER")));
		assertRefused(() -> CursorCodec.of(none, Duration.ofDays(7)).decode(text, "spans", "startTime:desc", SPAN_SORT),
				"not a cursor");
	}

	private static ArrayNode after(long first, String... rest) {
		ArrayNode values = Query.JSON.createArrayNode().add(first);
		for (String value : rest) {
			values.add(value);
		}
		return values;
	}

	private static String base64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	private static void assertRefused(Runnable decode, String reason) {
		assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(decode::run)
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("cursor"))
			.withMessageContaining(reason);
	}

}
