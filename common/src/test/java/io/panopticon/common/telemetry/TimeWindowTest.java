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
	void acceptsSpansUpToTheLongestDurationAndRejectsLongerOnes() {
		Span day = SpanTest.span().startTimeMicros(micros(NOW)).durationMicros(86_400_000_000L).build();
		Span longer = day.toBuilder().durationMicros(86_400_000_001L).build();

		assertThat(this.window.check(day, NOW)).isEmpty();
		assertThat(this.window.check(longer, NOW))
			.contains(new FieldError("durationMicros", "must not be longer than 1 day: 86400000001"));
		TimeWindow hour = new TimeWindow(Duration.ofDays(7), Duration.ofMinutes(5), Duration.ofHours(1));
		assertThat(hour.check(day, NOW)).map(FieldError::field).contains("durationMicros");
		TimeWindow huge = new TimeWindow(Duration.ofDays(7), Duration.ofMinutes(5), Duration.ofSeconds(Long.MAX_VALUE));
		assertThat(huge.check(longer, NOW)).isEmpty();
	}

	@Test
	void rejectsInvalidSettings() {
		assertThatIllegalArgumentException().isThrownBy(() -> TimeWindow.of(Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TimeWindow(Duration.ofDays(1), Duration.ZERO, Duration.ZERO));
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
