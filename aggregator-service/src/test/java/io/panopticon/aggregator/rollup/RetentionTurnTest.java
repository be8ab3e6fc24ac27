package io.panopticon.aggregator.rollup;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionTurnTest {

	private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final AtomicInteger runs = new AtomicInteger();

	@Test
	void runsAtTheFirstPassThenOncePerInterval() {
		RetentionTurn turn = new RetentionTurn(this.runs::incrementAndGet, Duration.ofHours(1), this.clock);

		assertThat(turn.runIfDue()).isTrue();
		assertThat(turn.runIfDue()).isFalse();
		this.clock.set(Instant.parse("2026-01-01T00:59:59Z"));
		assertThat(turn.runIfDue()).isFalse();
		this.clock.set(Instant.parse("2026-01-01T01:00:00Z"));
		assertThat(turn.runIfDue()).isTrue();
		assertThat(this.runs).hasValue(2);
	}

	@Test
	void aFailingJobNeverStopsThePass() {
		RetentionTurn turn = new RetentionTurn(() -> {
			this.runs.incrementAndGet();
			throw new IllegalStateException("boom");
		}, Duration.ofHours(1), this.clock);

		assertThat(turn.runIfDue()).isTrue();
		assertThat(this.runs).hasValue(1);
	}

	@Test
	void disabledRetentionNeverRuns() {
		assertThat(RetentionTurn.NONE.runIfDue()).isFalse();
	}

}
