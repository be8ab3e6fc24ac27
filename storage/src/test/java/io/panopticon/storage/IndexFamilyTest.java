package io.panopticon.storage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IndexFamily}.
 */
class IndexFamilyTest {

	@Test
	void namesIndicesByUtcEventTime() {
		Instant lateEvening = Instant.parse("2025-11-21T23:59:59.999999Z");

		assertThat(IndexFamily.TRACES.indexFor(lateEvening)).isEqualTo("traces-apm-2025.11.21");
		assertThat(IndexFamily.LOGS.indexFor(lateEvening.plusNanos(1000))).isEqualTo("logs-apm-2025.11.22");
		assertThat(IndexFamily.METRICS_1M.indexFor(lateEvening)).isEqualTo("metrics-apm-1m-2025.11.21");
		assertThat(IndexFamily.METRICS_1H.indexFor(lateEvening)).isEqualTo("metrics-apm-1h-2025.11");
		assertThat(IndexFamily.TRACES.indexFor(1763712000123456L)).isEqualTo("traces-apm-2025.11.21");
		assertThat(IndexFamily.LOGS.indexFor(LocalDate.of(2026, 1, 5))).isEqualTo("logs-apm-2026.01.05");
	}

	@Test
	void hasAWildcardPatternPerFamily() {
		assertThat(IndexFamily.TRACES.pattern()).isEqualTo("traces-apm-*");
		assertThat(IndexFamily.LOGS.pattern()).isEqualTo("logs-apm-*");
		assertThat(IndexFamily.METRICS_1M.pattern()).isEqualTo("metrics-apm-1m-*");
		assertThat(IndexFamily.METRICS_1H.pattern()).isEqualTo("metrics-apm-1h-*");
	}

	@Test
	void coversARangeWithTheDaysItTouches() {
		List<String> indices = IndexFamily.TRACES.indicesFor(Instant.parse("2025-11-20T22:00:00Z"),
				Instant.parse("2025-11-22T00:00:00Z"));

		// The end is exclusive, so the 22nd is not read.
		assertThat(indices).containsExactly("traces-apm-2025.11.20", "traces-apm-2025.11.21");
	}

	@Test
	void coversARangeInsideOneDayWithOneIndex() {
		assertThat(IndexFamily.LOGS.indicesFor(Instant.parse("2025-11-21T10:00:00Z"),
				Instant.parse("2025-11-21T10:15:00Z")))
			.containsExactly("logs-apm-2025.11.21");
	}

	@Test
	void collapsesWholeMonthsOfDailyIndices() {
		List<String> indices = IndexFamily.METRICS_1M.indicesFor(Instant.parse("2025-10-30T12:00:00Z"),
				Instant.parse("2026-01-02T00:00:01Z"));

		assertThat(indices).containsExactly("metrics-apm-1m-2025.10.30", "metrics-apm-1m-2025.10.31",
				"metrics-apm-1m-2025.11.*", "metrics-apm-1m-2025.12.*", "metrics-apm-1m-2026.01.01",
				"metrics-apm-1m-2026.01.02");
	}

	@Test
	void coversARangeWithTheMonthsItTouchesForMonthlyFamilies() {
		assertThat(IndexFamily.METRICS_1H.indicesFor(Instant.parse("2025-11-30T00:00:00Z"),
				Instant.parse("2026-02-01T00:00:00Z")))
			.containsExactly("metrics-apm-1h-2025.11", "metrics-apm-1h-2025.12", "metrics-apm-1h-2026.01");
	}

	@Test
	void coversAnEmptyRangeWithNothingAndAHugeOneWithThePattern() {
		Instant now = Instant.parse("2025-11-21T10:00:00Z");

		assertThat(IndexFamily.TRACES.indicesFor(now, now)).isEmpty();
		assertThat(IndexFamily.TRACES.indicesFor(now, now.minusSeconds(1))).isEmpty();
		assertThat(IndexFamily.TRACES.indicesFor(Instant.EPOCH, now)).containsExactly("traces-apm-*");
	}

	@Test
	void aRangeOfMillionsOfYearsStopsAtTheCapWhileTheListIsBuilt() {
		// Built in full first, this list held one name per month over 292 million years
		// and exhausted the heap.
		for (IndexFamily family : IndexFamily.values()) {
			assertThat(family.indicesFor(Instant.ofEpochMilli(-Long.MAX_VALUE), Instant.ofEpochMilli(Long.MAX_VALUE)))
				.containsExactly(family.pattern());
			assertThat(family.indicesFor(Instant.MIN, Instant.MAX)).containsExactly(family.pattern());
		}
	}

	@Test
	void theCapItselfIsStillAList() {
		Instant from = Instant.parse("2025-01-01T00:00:00Z");
		// 2025.01 to 2033.04: 100 months.
		assertThat(IndexFamily.METRICS_1H.indicesFor(from, Instant.parse("2033-05-01T00:00:00Z")))
			.hasSize(IndexFamily.MAX_TARGETS)
			.endsWith("metrics-apm-1h-2033.04");
		assertThat(IndexFamily.METRICS_1H.indicesFor(from, Instant.parse("2033-05-01T00:00:01Z")))
			.containsExactly("metrics-apm-1h-*");
	}

	@Test
	void readsTheDateBackFromAnIndexName() {
		assertThat(IndexFamily.TRACES.dateOf("traces-apm-2025.11.21")).contains(LocalDate.of(2025, 11, 21));
		assertThat(IndexFamily.METRICS_1H.dateOf("metrics-apm-1h-2025.11")).contains(LocalDate.of(2025, 11, 1));
		assertThat(IndexFamily.TRACES.dateOf("logs-apm-2025.11.21")).isEmpty();
		assertThat(IndexFamily.TRACES.dateOf("traces-apm-2025.02.30")).isEmpty();
		assertThat(IndexFamily.TRACES.dateOf("traces-apm-2025.11.21-restored")).isEmpty();
		assertThat(IndexFamily.TRACES.dateOf("traces-apm-2025.11")).isEmpty();
		assertThat(IndexFamily.METRICS_1H.dateOf("metrics-apm-1h-2025.11.21")).isEmpty();
		assertThat(IndexFamily.METRICS_1M.dateOf("metrics-apm-1h-2025.11")).isEmpty();
	}

	@Test
	void findsTheFamilyOfAnIndex() {
		assertThat(IndexFamily.ofIndex("metrics-apm-1m-2025.11.21")).contains(IndexFamily.METRICS_1M);
		assertThat(IndexFamily.ofIndex("metrics-apm-1h-2025.11")).contains(IndexFamily.METRICS_1H);
		assertThat(IndexFamily.ofIndex("logs-apm-2025.11.21")).contains(IndexFamily.LOGS);
		assertThat(IndexFamily.ofIndex(".kibana")).isEmpty();
	}

	@Test
	void tellsWhetherAnIndexIsEntirelyOlderThanACutoff() {
		Instant cutoff = Instant.parse("2025-11-22T00:00:00Z");

		assertThat(IndexFamily.TRACES.isEntirelyBefore("traces-apm-2025.11.21", cutoff)).isTrue();
		assertThat(IndexFamily.TRACES.isEntirelyBefore("traces-apm-2025.11.21", cutoff.minusNanos(1))).isFalse();
		assertThat(IndexFamily.TRACES.isEntirelyBefore("traces-apm-2025.11.22", cutoff)).isFalse();
		assertThat(IndexFamily.METRICS_1H.isEntirelyBefore("metrics-apm-1h-2025.11", cutoff)).isFalse();
		assertThat(IndexFamily.METRICS_1H.isEntirelyBefore("metrics-apm-1h-2025.10", cutoff)).isTrue();
		assertThat(IndexFamily.TRACES.isEntirelyBefore("traces-apm-custom", cutoff)).isFalse();
	}

}
