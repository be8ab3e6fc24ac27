package io.panopticon.common.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * The span of event times a service accepts: not further in the future than a clock-skew
 * allowance, and not older than the retention (such an event would land in an index that
 * is already deleted, or is about to be); and how long a span may last (a longer one is a
 * broken producer, and one such span would swamp a service's latency figures).
 * <p>
 * The codec does not apply these checks, because they depend on the clock and the
 * configuration; callers apply them to decoded items and dead-letter what fails, with the
 * returned {@link FieldError} naming {@code startTime} or {@code durationMicros} (spans)
 * or {@code timestamp} (logs).
 *
 * @param retention how far back event times are accepted; positive
 * @param maxFutureSkew how far ahead of {@code now} event times are accepted, to allow
 * for producers whose clocks run ahead; zero or positive
 * @param maxSpanDuration the longest duration a span may have; positive
 */
public record TimeWindow(Duration retention, Duration maxFutureSkew, Duration maxSpanDuration) {

	/**
	 * A clock-skew allowance that tolerates producers with a badly synchronised clock.
	 */
	public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(5);

	/**
	 * The longest a span may last unless configured otherwise: a day, well beyond any
	 * request or batch job that is traced as one span.
	 */
	public static final Duration DEFAULT_MAX_SPAN_DURATION = Duration.ofHours(24);

	/**
	 * Validates the window.
	 * @throws IllegalArgumentException if the retention or the longest span duration is
	 * not positive, or the skew is negative
	 */
	public TimeWindow {
		Objects.requireNonNull(retention, "retention");
		Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
		Objects.requireNonNull(maxSpanDuration, "maxSpanDuration");
		if (maxSpanDuration.isNegative() || maxSpanDuration.isZero()) {
			throw new IllegalArgumentException("maxSpanDuration must be positive: " + maxSpanDuration);
		}
		if (retention.isNegative() || retention.isZero()) {
			throw new IllegalArgumentException("retention must be positive: " + retention);
		}
		if (maxFutureSkew.isNegative()) {
			throw new IllegalArgumentException("maxFutureSkew must not be negative: " + maxFutureSkew);
		}
	}

	/**
	 * Creates a window with {@link #DEFAULT_MAX_SPAN_DURATION}, the form for log events.
	 * @param retention how far back event times are accepted
	 * @param maxFutureSkew how far ahead event times are accepted
	 */
	public TimeWindow(Duration retention, Duration maxFutureSkew) {
		this(retention, maxFutureSkew, DEFAULT_MAX_SPAN_DURATION);
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
	 * Checks a span's start time and duration.
	 * @param span the span
	 * @param now the current time
	 * @return the problem, naming {@code durationMicros} or {@code startTime}, or empty
	 * when the span is inside the window
	 */
	public Optional<FieldError> check(Span span, Instant now) {
		// Compared in microseconds, so that the hot path allocates nothing for a valid
		// span.
		if (span.durationMicros() > maxSpanDurationMicros()) {
			return Optional.of(new FieldError("durationMicros",
					"must not be longer than " + describe(this.maxSpanDuration) + ": " + span.durationMicros()));
		}
		return check("startTime", span.startTimeMicros(), now);
	}

	private long maxSpanDurationMicros() {
		// Saturates: a bound beyond the long range of microseconds bounds nothing.
		long seconds = this.maxSpanDuration.getSeconds();
		if (seconds >= Long.MAX_VALUE / 1_000_000) {
			return Long.MAX_VALUE;
		}
		return seconds * 1_000_000 + this.maxSpanDuration.getNano() / 1_000;
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
