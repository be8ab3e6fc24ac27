package io.panopticon.errorstream.stomp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RateLimiterTest {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void letsABurstOfTheRateThroughThenRefuses() {
		RateLimiter limiter = new RateLimiter(50, 0);
		for (int i = 0; i < 50; i++) {
			assertThat(limiter.tryAcquire(0)).as("event %d", i).isTrue();
		}
		assertThat(limiter.tryAcquire(0)).isFalse();
	}

	@Test
	void refillsAtTheRate() {
		RateLimiter limiter = new RateLimiter(10, 0);
		for (int i = 0; i < 10; i++) {
			limiter.tryAcquire(0);
		}
		assertThat(limiter.tryAcquire(SECOND / 20)).as("half a token").isFalse();
		assertThat(limiter.tryAcquire(SECOND / 10)).as("one token").isTrue();
		assertThat(limiter.tryAcquire(SECOND / 10)).isFalse();
		int passed = 0;
		for (long t = SECOND / 10; t <= 11 * SECOND / 10; t += SECOND / 1000) {
			passed += limiter.tryAcquire(t) ? 1 : 0;
		}
		assertThat(passed).isEqualTo(10);
	}

	@Test
	void neverHoldsMoreThanOneSecondOfTokens() {
		RateLimiter limiter = new RateLimiter(5, 0);
		int passed = 0;
		for (int i = 0; i < 100; i++) {
			passed += limiter.tryAcquire(3600 * SECOND) ? 1 : 0;
		}
		assertThat(passed).isEqualTo(5);
	}

	@Test
	void needsARateOfAtLeastOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RateLimiter(0, 0));
	}

}
