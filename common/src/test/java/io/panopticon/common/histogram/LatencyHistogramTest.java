package io.panopticon.common.histogram;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link LatencyHistogram}.
 */
class LatencyHistogramTest {

	private static final double[] PERCENTILES = { 0, 0.1, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100 };

	@Test
	void putsZeroAndOneMicrosecondInBucketZero() {
		assertThat(LatencyHistogram.bucketOf(0)).isZero();
		assertThat(LatencyHistogram.bucketOf(1)).isZero();
		assertThat(LatencyHistogram.lowerBound(0)).isZero();
		assertThat(LatencyHistogram.upperBound(0)).isEqualTo(1);
	}

	@Test
	void followsTheFormulaAtSmallValues() {
		// ln(2) / ln(1.02) = 35.0028, ln(3) / ln(1.02) = 55.48
		assertThat(LatencyHistogram.bucketOf(2)).isEqualTo(36);
		assertThat(LatencyHistogram.bucketOf(3)).isEqualTo(56);
		assertThat(LatencyHistogram.bucketOf(1_000_000)).isEqualTo(698);
	}

	@Test
	void coversTheWholeLongRange() {
		assertThat(LatencyHistogram.bucketOf(Long.MAX_VALUE)).isEqualTo(LatencyHistogram.MAX_BUCKET).isEqualTo(2206);
		assertThat(LatencyHistogram.upperBound(LatencyHistogram.MAX_BUCKET)).isGreaterThanOrEqualTo(Long.MAX_VALUE);
		LatencyHistogram histogram = new LatencyHistogram();
		histogram.record(Long.MAX_VALUE);
		assertThat(histogram.percentile(50)).isCloseTo(Long.MAX_VALUE, within(Long.MAX_VALUE * 0.01));
	}

	@Test
	void bucketsHoldExactlyTheValuesBetweenTheirBoundsForRealisticLatencies() {
		for (int bucket = 1; LatencyHistogram.upperBound(bucket) < 1e13; bucket++) {
			double lower = LatencyHistogram.lowerBound(bucket);
			double upper = LatencyHistogram.upperBound(bucket);
			assertThat(upper / lower).isCloseTo(1.02, within(1e-12));
			// The largest integer inside the bucket, and the smallest one above it.
			long inside = (long) Math.floor(upper);
			if (inside > lower) {
				assertThat(LatencyHistogram.bucketOf(inside)).as("bucket of %d", inside).isEqualTo(bucket);
				assertThat(LatencyHistogram.bucketOf(inside + 1)).as("bucket of %d", inside + 1).isGreaterThan(bucket);
			}
		}
	}

	@Test
	void bucketsHoldTheirValuesUpToRoundingForHugeLatencies() {
		long previousBucket = 0;
		for (long micros = 10_000_000_000_000L; micros > 0 && micros < Long.MAX_VALUE / 2; micros += micros / 997) {
			int bucket = LatencyHistogram.bucketOf(micros);
			assertThat(bucket).isGreaterThanOrEqualTo((int) previousBucket);
			assertThat(LatencyHistogram.lowerBound(bucket)).isLessThanOrEqualTo(micros * (1 + 1e-12));
			assertThat(LatencyHistogram.upperBound(bucket)).isGreaterThanOrEqualTo(micros * (1 - 1e-12));
			previousBucket = bucket;
		}
	}

	@Test
	void representativeValuesAreWithinOnePercentOfTheirBucket() {
		for (int bucket = 1; bucket <= LatencyHistogram.MAX_BUCKET; bucket++) {
			double value = LatencyHistogram.representative(bucket);
			double lower = LatencyHistogram.lowerBound(bucket);
			double upper = LatencyHistogram.upperBound(bucket);
			assertThat((value - lower) / lower).isBetween(0.0, 0.01);
			assertThat((upper - value) / upper).isBetween(0.0, 0.01);
		}
	}

	@Test
	void rejectsNegativeLatenciesAndCounts() {
		LatencyHistogram histogram = new LatencyHistogram();

		assertThatIllegalArgumentException().isThrownBy(() -> LatencyHistogram.bucketOf(-1));
		assertThatIllegalArgumentException().isThrownBy(() -> histogram.record(-1));
		assertThatIllegalArgumentException().isThrownBy(() -> histogram.record(5, -1));
		assertThat(histogram.isEmpty()).isTrue();
	}

	@Test
	void percentilesAreWithinOnePercentOfTheExactNearestRank() {
		Random random = new Random(20251121);
		for (int run = 0; run < 20; run++) {
			int n = 1 + random.nextInt(5_000);
			long[] latencies = new long[n];
			LatencyHistogram histogram = new LatencyHistogram();
			for (int i = 0; i < n; i++) {
				// Log-normal around a few milliseconds, the usual shape of latencies.
				latencies[i] = 1 + (long) Math.exp(8 + 2 * random.nextGaussian());
				histogram.record(latencies[i]);
			}
			Arrays.sort(latencies);
			for (double p : PERCENTILES) {
				long exact = latencies[(int) nearestRank(p, n) - 1];
				assertThat(histogram.percentile(p)).as("p%s of %d values", p, n).isCloseTo(exact, within(exact * 0.01));
			}
		}
	}

	@Test
	void percentileUsesTheNearestRank() {
		LatencyHistogram histogram = new LatencyHistogram();
		for (long micros = 1; micros <= 10; micros++) {
			histogram.record(micros * 1000);
		}

		assertThat(histogram.percentile(0)).isCloseTo(1000, within(10.0));
		assertThat(histogram.percentile(50)).isCloseTo(5000, within(50.0));
		assertThat(histogram.percentile(50.1)).isCloseTo(6000, within(60.0));
		assertThat(histogram.percentile(100)).isCloseTo(10000, within(100.0));
	}

	@Test
	void percentileOfZeroLatencyIsOneMicrosecond() {
		LatencyHistogram histogram = new LatencyHistogram();
		histogram.record(0, 3);

		assertThat(histogram.percentile(50)).isEqualTo(1);
	}

	@Test
	void percentileOfAnEmptyHistogramIsNaN() {
		assertThat(new LatencyHistogram().percentile(50)).isNaN();
	}

	@Test
	void rejectsPercentilesOutsideZeroToHundred() {
		LatencyHistogram histogram = new LatencyHistogram();
		histogram.record(5);

		assertThatIllegalArgumentException().isThrownBy(() -> histogram.percentile(-0.1));
		assertThatIllegalArgumentException().isThrownBy(() -> histogram.percentile(100.1));
		assertThatIllegalArgumentException().isThrownBy(() -> histogram.percentile(Double.NaN));
	}

	@Test
	void mergingEqualsRecordingEverythingIntoOne() {
		Random random = new Random(7);
		LatencyHistogram all = new LatencyHistogram();
		LatencyHistogram merged = new LatencyHistogram();
		for (int part = 0; part < 5; part++) {
			LatencyHistogram minute = new LatencyHistogram();
			for (int i = 0; i < 1_000; i++) {
				long micros = (long) Math.exp(random.nextDouble() * 20);
				minute.record(micros);
				all.record(micros);
			}
			merged.merge(minute);
		}

		assertThat(merged).isEqualTo(all);
		assertThat(merged.count()).isEqualTo(5_000);
		assertThat(merged.percentile(99)).isEqualTo(all.percentile(99));
	}

	@Test
	void mergeLeavesTheOtherHistogramAlone() {
		LatencyHistogram one = new LatencyHistogram();
		one.record(10);
		LatencyHistogram other = new LatencyHistogram();
		other.record(10);
		other.record(20_000);

		one.merge(other);
		one.merge(new LatencyHistogram());

		assertThat(one.count()).isEqualTo(3);
		assertThat(other.count()).isEqualTo(2);
		assertThat(one.buckets()).containsExactly(LatencyHistogram.bucketOf(10), LatencyHistogram.bucketOf(20_000));
		assertThat(one.counts()).containsExactly(2, 1);
	}

	@Test
	void countsAdd() {
		LatencyHistogram histogram = new LatencyHistogram();
		histogram.record(100, 5);
		histogram.record(100);
		histogram.record(3, 0);

		assertThat(histogram.count()).isEqualTo(6);
		assertThat(histogram.buckets()).containsExactly(LatencyHistogram.bucketOf(100));
		assertThat(histogram.counts()).containsExactly(6);
	}

	@Test
	void overflowingTheCountFails() {
		LatencyHistogram histogram = new LatencyHistogram();
		histogram.record(1, Long.MAX_VALUE);

		assertThatExceptionOfType(ArithmeticException.class).isThrownBy(() -> histogram.record(1));
	}

	@Test
	void roundTripsThroughItsStoredForm() {
		LatencyHistogram histogram = new LatencyHistogram();
		Random random = new Random(3);
		for (int i = 0; i < 10_000; i++) {
			histogram.record((long) Math.exp(random.nextDouble() * 25));
		}

		int[] buckets = histogram.buckets();
		long[] counts = histogram.counts();
		LatencyHistogram read = LatencyHistogram.of(buckets, counts);

		assertThat(buckets).isSorted();
		assertThat(counts).doesNotContain(0L);
		assertThat(read).isEqualTo(histogram).hasSameHashCodeAs(histogram);
		assertThat(read.count()).isEqualTo(10_000);
		assertThat(read.percentile(95)).isEqualTo(histogram.percentile(95));
	}

	@Test
	void readsStoredFormsInAnyOrder() {
		LatencyHistogram read = LatencyHistogram.of(new int[] { 700, 36, 700, 5 }, new long[] { 1, 2, 3, 0 });

		assertThat(read.buckets()).containsExactly(36, 700);
		assertThat(read.counts()).containsExactly(2, 4);
	}

	@Test
	void rejectsInvalidStoredForms() {
		assertThatIllegalArgumentException().isThrownBy(() -> LatencyHistogram.of(new int[] { 1 }, new long[0]));
		assertThatIllegalArgumentException().isThrownBy(() -> LatencyHistogram.of(new int[] { -1 }, new long[] { 1 }));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LatencyHistogram.of(new int[] { LatencyHistogram.MAX_BUCKET + 1 }, new long[] { 1 }));
		assertThatIllegalArgumentException().isThrownBy(() -> LatencyHistogram.of(new int[] { 1 }, new long[] { -1 }));
	}

	@Test
	void copiesAreIndependent() {
		LatencyHistogram histogram = new LatencyHistogram();
		histogram.record(10);
		LatencyHistogram copy = histogram.copy();

		histogram.record(10);

		assertThat(copy.count()).isEqualTo(1);
		assertThat(histogram.count()).isEqualTo(2);
	}

	private static long nearestRank(double p, long n) {
		return Math.max(1,
				BigDecimal.valueOf(p)
					.multiply(BigDecimal.valueOf(n))
					.divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING)
					.longValueExact());
	}

}
