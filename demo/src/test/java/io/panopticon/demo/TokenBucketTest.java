package io.panopticon.demo;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link TokenBucket}, on a fake clock that sleeping advances.
 */
class TokenBucketTest {

	private long now = 1_000_000_000L;

	private final List<Long> sleeps = new ArrayList<>();

	private TokenBucket bucket(double perSecond, double capacity) {
		return new TokenBucket(perSecond, capacity, () -> this.now, (nanos) -> {
			this.sleeps.add(nanos);
			this.now += nanos;
		});
	}

	@Test
	void aFullBucketGivesItsCapacityWithoutWaiting() throws InterruptedException {
		TokenBucket bucket = bucket(100, 20);
		bucket.acquire(5);
		bucket.acquire(15);
		assertThat(this.sleeps).isEmpty();
	}

	@Test
	void holdsASteadyRateOverManyAcquisitions() throws InterruptedException {
		TokenBucket bucket = bucket(200, 20);
		long start = this.now;
		int permits = 0;
		for (int i = 0; i < 1_000; i++) {
			int size = 5 + (i % 16);
			bucket.acquire(size);
			permits += size;
		}
		double seconds = (this.now - start) / 1e9;
		// The first 20 permits come from the full bucket.
		assertThat((permits - 20) / seconds).isCloseTo(200.0, within(0.5));
	}

	@Test
	void aRequestLargerThanTheCapacityWaitsForItsDebt() throws InterruptedException {
		TokenBucket bucket = bucket(10, 5);
		bucket.acquire(5);
		bucket.acquire(20);
		assertThat(this.sleeps).containsExactly(2_000_000_000L);
	}

	@Test
	void idleTimeFillsTheBucketOnlyUpToItsCapacity() throws InterruptedException {
		TokenBucket bucket = bucket(10, 5);
		bucket.acquire(5);
		this.now += 60_000_000_000L;
		bucket.acquire(10);
		assertThat(this.sleeps).containsExactly(500_000_000L);
	}

	@Test
	void rejectsARateThatIsNotPositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> bucket(0, 5));
		assertThatIllegalArgumentException().isThrownBy(() -> bucket(Double.NaN, 5));
	}

}
