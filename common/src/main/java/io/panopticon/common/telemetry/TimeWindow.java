package io.panopticon.common.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * The span of event times a service accepts: not further in the future than a clock-skew
 * allowance, and not older than the retention (such an event would land in an index that
 * is already deleted, or is about to be).
 * <p>
 * The codec does not apply these checks, because they depend on the clock and the
 * configuration; callers apply them to decoded items and dead-letter what fails, with the
 * returned {@link FieldError} naming {@code startTime} (spans) or {@code timestamp}
 * (logs).
 *
 * @param retention how far back event times are accepted; positive
 * @param maxFutureSkew how far ahead of {@code now} event times are accepted, to allow
 * for producers whose clocks run ahead; zero or positive
 */
public record TimeWindow(Duration retention, Duration maxFutureSkew) {

	/**
	 * A clock-skew allowance that tolerates producers with a badly synchronised clock.
	 */
	public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(5);

	/**
	 * Validates the window.
	 * @throws IllegalArgumentException if the retention is not positive or the skew is
	 * negative
	 */
	public TimeWindow {
		Objects.requireNonNull(retention, "retention");
		Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
		if (retention.isNegative() || retention.isZero()) {
			throw new IllegalArgumentException("retention must be positive: " + retention);
		}
		if (maxFutureSkew.isNegative()) {
			throw new IllegalArgumentException("maxFutureSkew must not be negative: " + maxFutureSkew);
		}
	}

	/**
	 * Returns a window with the given retention and {@link #DEFAULT_MAX_FUTURE_SKEW}.
	 * @param retention how far back event times are accepted
	 * @return the window
	 */
	public static TimeWindow of(Duration retention) {
		return new TimeWindow(retention, DEFAULT_MAX_FUTURE_SKEW);
	}

	/**
	 * Checks a span's start time.
	 * @param span the span
	 * @param now the current time
	 * @return the problem, naming {@code startTime}, or empty when the span is inside the
	 * window
	 */
	public Optional<FieldError> check(Span span, Instant now) {
		return check("startTime", span.startTimeMicros(), now);
	}

	/**
	 * Checks a log event's timestamp.
	 * @param event the log event
	 * @param now the current time
	 * @return the problem, naming {@code timestamp}, or empty when the event is inside
	 * the window
	 */
	public Optional<FieldError> check(LogEvent event, Instant now) {
		return check("timestamp", event.timestampMicros(), now);
	}

	private Optional<FieldError> check(String field, long epochMicros, Instant now) {
		Instant time = Instant.EPOCH.plus(epochMicros, ChronoUnit.MICROS);
		if (time.isAfter(now.plus(this.maxFutureSkew))) {
			return Optional
				.of(new FieldError(field, "is more than " + describe(this.maxFutureSkew) + " in the future"));
		}
		if (time.isBefore(now.minus(this.retention))) {
			return Optional.of(new FieldError(field, "is older than the retention of " + describe(this.retention)));
		}
		return Optional.empty();
	}

	private static String describe(Duration duration) {
		if (duration.toSeconds() % 86_400 == 0 && !duration.isZero() && duration.getNano() == 0) {
			long days = duration.toDays();
			return days + ((days == 1) ? " day" : " days");
		}
		if (duration.toSeconds() % 60 == 0 && !duration.isZero() && duration.getNano() == 0) {
			long minutes = duration.toMinutes();
			return minutes + ((minutes == 1) ? " minute" : " minutes");
		}
		return duration.toString();
	}

}
