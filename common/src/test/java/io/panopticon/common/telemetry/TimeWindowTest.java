package io.panopticon.common.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link TimeWindow}.
 */
class TimeWindowTest {

	private static final Instant NOW = Instant.parse("2025-11-21T12:00:00Z");

	private final TimeWindow window = TimeWindow.of(Duration.ofDays(7));

	@Test
	void acceptsTimesInsideTheWindow() {
		assertThat(this.window.check(spanAt(NOW), NOW)).isEmpty();
		assertThat(this.window.check(spanAt(NOW.minus(Duration.ofDays(7))), NOW)).isEmpty();
		assertThat(this.window.check(spanAt(NOW.plus(Duration.ofMinutes(5))), NOW)).isEmpty();
	}

	@Test
	void rejectsSpansFromTheFuture() {
		assertThat(this.window.check(spanAt(NOW.plus(Duration.ofMinutes(5)).plusMillis(1)), NOW))
			.contains(new FieldError("startTime", "is more than 5 minutes in the future"));
	}

	@Test
	void rejectsLogsOlderThanTheRetention() {
		LogEvent event = new LogEvent(micros(NOW.minus(Duration.ofDays(7)).minusMillis(1)), "s", null, LogLevel.INFO,
				"m", null, null, Map.of());

		assertThat(this.window.check(event, NOW))
			.contains(new FieldError("timestamp", "is older than the retention of 7 days"));
	}

	@Test
	void rejectsInvalidSettings() {
		assertThatIllegalArgumentException().isThrownBy(() -> TimeWindow.of(Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TimeWindow(Duration.ofDays(1), Duration.ofSeconds(-1)));
	}

	private static Span spanAt(Instant start) {
		return SpanTest.span().startTimeMicros(micros(start)).build();
	}

	private static long micros(Instant instant) {
		return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
	}

}
