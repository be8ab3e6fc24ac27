package io.panopticon.storage;

import io.panopticon.common.telemetry.Span;
import io.panopticon.common.telemetry.SpanKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DocumentIds}.
 */
class DocumentIdsTest {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String SPAN_ID = "00f067aa0ba902b7";

	@Test
	void spanIdsAreFixedForAllTime() {
		// Pinned: if these change, replays of indexed data make duplicates.
		assertThat(DocumentIds.spanId(TRACE_ID, SPAN_ID, SpanKind.SERVER)).isEqualTo("LLVf-VWMdryeXCh7-v-MmQ");
		assertThat(DocumentIds.logId("apm.logs", 3, 42L, 0)).isEqualTo("_wLmldItq91-EpOJcuRLPA");
	}

	@Test
	void spanIdsAreCompactAndUrlSafe() {
		assertThat(DocumentIds.spanId(TRACE_ID, SPAN_ID, SpanKind.SERVER)).hasSize(22).matches("[A-Za-z0-9_-]+");
	}

	@Test
	void clientAndServerSpansSharingASpanIdGetDistinctIds() {
		assertThat(DocumentIds.spanId(TRACE_ID, SPAN_ID, SpanKind.CLIENT))
			.isNotEqualTo(DocumentIds.spanId(TRACE_ID, SPAN_ID, SpanKind.SERVER));
	}

	@Test
	void spanIdsIgnoreTheCaseOfIds() {
		assertThat(DocumentIds.spanId(TRACE_ID.toUpperCase(), SPAN_ID.toUpperCase(), SpanKind.SERVER))
			.isEqualTo(DocumentIds.spanId(TRACE_ID, SPAN_ID, SpanKind.SERVER));
	}

	@Test
	void spanIdOfASpanUsesItsTraceIdSpanIdAndKind() {
		Span span = Span.builder()
			.traceId(TRACE_ID)
			.spanId(SPAN_ID)
			.kind(SpanKind.CONSUMER)
			.name("n")
			.serviceName("s")
			.startTimeMicros(1)
			.durationMicros(1)
			.build();

		assertThat(DocumentIds.spanId(span)).isEqualTo(DocumentIds.spanId(TRACE_ID, SPAN_ID, SpanKind.CONSUMER));
		assertThat(DocumentIds.spanId(span)).isEqualTo(DocumentIds.spanId(span.toBuilder().name("other").build()));
	}

	@Test
	void logIdsDifferInEveryCoordinate() {
		String id = DocumentIds.logId("apm.logs", 3, 42L, 0);

		assertThat(DocumentIds.logId("apm.logs", 3, 42L, 0)).isEqualTo(id);
		assertThat(DocumentIds.logId("apm.logs2", 3, 42L, 0)).isNotEqualTo(id);
		assertThat(DocumentIds.logId("apm.logs", 4, 42L, 0)).isNotEqualTo(id);
		assertThat(DocumentIds.logId("apm.logs", 3, 43L, 0)).isNotEqualTo(id);
		assertThat(DocumentIds.logId("apm.logs", 3, 42L, 1)).isNotEqualTo(id);
	}

	@Test
	void fieldsAreKeptApart() {
		// Plain concatenation would make these the same input.
		assertThat(DocumentIds.logId("apm.logs1", 2, 42L, 0)).isNotEqualTo(DocumentIds.logId("apm.logs", 12, 42L, 0));
		assertThat(DocumentIds.logId("t", 1, 23L, 4)).isNotEqualTo(DocumentIds.logId("t", 12, 3L, 4));
	}

	@Test
	void anAbsentFieldDiffersFromAnEmptyOneAndFieldsDoNotRunTogether() {
		assertThat(DocumentIds.hash("t", (String) null)).isNotEqualTo(DocumentIds.hash("t", ""));
		assertThat(DocumentIds.hash("t", "ab", "c")).isNotEqualTo(DocumentIds.hash("t", "a", "bc"));
		assertThat(DocumentIds.hash("t", "a")).isNotEqualTo(DocumentIds.hash("u", "a"))
			.isEqualTo(DocumentIds.hash("t", "a"));
	}

	@Test
	void logEventIdsHashTheEventsJsonLikeEveryContentId() {
		String json = "{\"timestamp\":1763712000123456,\"serviceName\":\"orders\",\"level\":\"ERROR\","
				+ "\"message\":\"payment declined\"}";
		byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);

		assertThat(DocumentIds.logEventId(bytes)).isEqualTo(DocumentIds.hash("log-event", json))
			.hasSize(22)
			.isEqualTo(DocumentIds.logEventId(bytes.clone()));
		assertThat(DocumentIds.logEventId(json.replace("declined", "refused").getBytes()))
			.isNotEqualTo(DocumentIds.logEventId(bytes));
	}

	@Test
	void givenIdsAreUsableOnlyWhenShortAndUrlSafe() {
		assertThat(DocumentIds.isUsableGivenId("LLVf-VWMdryeXCh7-v-MmQ")).isTrue();
		assertThat(DocumentIds.isUsableGivenId("0f8fad5b-d9cb-469f-a165-70867728950e")).isTrue();
		assertThat(DocumentIds.isUsableGivenId("a".repeat(DocumentIds.MAX_GIVEN_ID_LENGTH))).isTrue();
		assertThat(DocumentIds.isUsableGivenId(null)).isFalse();
		assertThat(DocumentIds.isUsableGivenId("")).isFalse();
		assertThat(DocumentIds.isUsableGivenId("a".repeat(DocumentIds.MAX_GIVEN_ID_LENGTH + 1))).isFalse();
		assertThat(DocumentIds.isUsableGivenId("a/b")).isFalse();
		assertThat(DocumentIds.isUsableGivenId("a b")).isFalse();
		assertThat(DocumentIds.isUsableGivenId("é")).isFalse();
	}

}
