package io.panopticon.query.metrics;

import org.junit.jupiter.api.Test;

import io.panopticon.common.histogram.LatencyHistogram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FiguresTest {

	@Test
	void mergedHistogramsGiveThePercentilesOfAllLatencies() {
		// 90 fast requests in one part of the range, 10 slow ones in another: the p95
		// is slow, which no average of the parts' percentiles would give.
		Figures fast = new Figures().add(90, 0, 90 * 1_000, new int[] { LatencyHistogram.bucketOf(1_000) },
				new long[] { 90 });
		Figures slow = new Figures().add(10, 5, 10 * 2_000_000, new int[] { LatencyHistogram.bucketOf(2_000_000) },
				new long[] { 10 });
		Figures all = new Figures().merge(fast).merge(slow);
		assertThat(all.requests()).isEqualTo(100);
		assertThat(all.errorRate()).isEqualTo(5.0);
		assertThat(all.avgLatencyMillis()).isEqualTo(200.9);
		assertThat(all.percentileMillis(50)).isCloseTo(1.0, within(0.01));
		assertThat(all.percentileMillis(95)).isCloseTo(2_000.0, within(20.0));
	}

	@Test
	void durationSumsSaturateInsteadOfFailingTheRequest() {
		// Spans stored before durations were bounded can carry Long.MAX_VALUE.
		Figures absurd = new Figures().addSpan(false, Long.MAX_VALUE, LatencyHistogram.MAX_BUCKET);
		Figures all = new Figures().addSpan(false, 1_000, LatencyHistogram.bucketOf(1_000)).merge(absurd).merge(absurd);
		assertThat(all.durationSumMicros()).isEqualTo(Long.MAX_VALUE);
		assertThat(all.requests()).isEqualTo(3);
		assertThat(all.avgLatencyMillis()).isPositive();
	}

	@Test
	void emptyFiguresHaveNoLatency() {
		Figures none = new Figures();
		assertThat(none.errorRate()).isZero();
		assertThat(none.avgLatencyMillis()).isNull();
		assertThat(none.percentileMillis(95)).isNull();
	}

	@Test
	void errorRateIsAPercentageRoundedToThreeDecimals() {
		Figures figures = new Figures().add(3, 1, 3, new int[] { 0 }, new long[] { 3 });
		assertThat(figures.errorRate()).isEqualTo(33.333);
	}

}
