package io.panopticon.query.window;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.panopticon.common.web.InvalidParameterException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class QueryWindowTest {

	private static final Instant NOW = Instant.parse("2026-11-22T03:30:00Z");

	private static final Duration DEFAULT = Duration.ofMinutes(15);

	private static final Duration MAX = Duration.ofDays(31);

	@Test
	void namedRangeEndsNow() {
		QueryWindow window = QueryWindow.of(null, null, "6h", DEFAULT, MAX, NOW);
		assertThat(window).isEqualTo(new QueryWindow(Instant.parse("2026-11-21T21:30:00Z"), NOW));
	}

	@Test
	void nothingGivenIsTheDefaultRangeEndingNow() {
		assertThat(QueryWindow.of(null, null, null, DEFAULT, MAX, NOW).from())
			.isEqualTo(Instant.parse("2026-11-22T03:15:00Z"));
	}

	@Test
	void fromAndToAcceptIsoAndEpochMillis() {
		QueryWindow window = QueryWindow.of("2026-11-22T01:00:00+01:00", "1795316400000", null, DEFAULT, MAX, NOW);
		assertThat(window.from()).isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
		assertThat(window.to()).isEqualTo(Instant.ofEpochMilli(1795316400000L));
	}

	@Test
	void unknownRangeNamesTheParameter() {
		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> QueryWindow.of(null, null, "2w", DEFAULT, MAX, NOW))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("range"))
			.withMessageContaining("[15m, 1h, 6h, 24h, 7d]");
	}

	@Test
	void fromAfterToIsRejected() {
		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> QueryWindow.of("2026-11-22T03:00:00Z", "2026-11-22T02:00:00Z", null, DEFAULT, MAX, NOW))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("from"));
	}

	@Test
	void rangeOverTheMaximumIsRejected() {
		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> QueryWindow.of("2026-01-01T00:00:00Z", null, null, DEFAULT, MAX, NOW))
			.withMessageContaining("maximum");
	}

	@Test
	void garbageTimeNamesTheParameter() {
		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> QueryWindow.of(null, "yesterday", null, DEFAULT, MAX, NOW))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("to"));
	}

	@Test
	void rangeTogetherWithFromIsRejected() {
		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> QueryWindow.of("2026-11-22T03:00:00Z", null, "1h", DEFAULT, MAX, NOW))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("range"));
	}

	@Test
	void timesBeyondWhatNanosecondsHoldNameTheirParameter() {
		// The overflow of fromMillis + MINUTE - 1 and a list of index names over 292
		// million years began here.
		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> QueryWindow.of("9223372036854775000", "9223372036854775807", null, DEFAULT, MAX, NOW))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("from"));
		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> QueryWindow.of("2300-01-01T00:00:00Z", "2300-01-02T00:00:00Z", null, DEFAULT, MAX, NOW))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("from"));
		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> QueryWindow.of(null, "2300-01-02T00:00:00Z", null, DEFAULT, MAX, NOW))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("to"));
	}

	@Test
	void aComputedStartBeforeTheEarliestTimeIsRefused() {
		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> QueryWindow.of(null, "1678-01-01T00:05:00Z", null, DEFAULT, MAX, NOW))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("from"));
	}

}
