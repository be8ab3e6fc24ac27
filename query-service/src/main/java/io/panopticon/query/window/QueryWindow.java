package io.panopticon.query.window;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import io.panopticon.common.web.InvalidParameterException;
import io.panopticon.common.web.TimeParameter;

/**
 * The time range of a query, {@code [from, to)}, from the request parameters every read
 * endpoint shares: {@code from} and {@code to} (ISO-8601 or epoch milliseconds), or
 * {@code range} ({@code 15m}, {@code 1h}, {@code 6h}, {@code 24h}, {@code 7d}) ending
 * now.
 *
 * @param from the inclusive start
 * @param to the exclusive end
 */
public record QueryWindow(Instant from, Instant to) {

	/** The named ranges a dashboard offers. */
	public static final Map<String, Duration> RANGES = Map.of("15m", Duration.ofMinutes(15), "1h", Duration.ofHours(1),
			"6h", Duration.ofHours(6), "24h", Duration.ofHours(24), "7d", Duration.ofDays(7));

	public QueryWindow {
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(to, "to");
	}

	/**
	 * Reads the window from request parameters.
	 * @param from the {@code from} parameter or {@code null}
	 * @param to the {@code to} parameter or {@code null}
	 * @param range the {@code range} parameter or {@code null}
	 * @param defaultRange the length used when neither {@code range} nor {@code from} is
	 * given
	 * @param maxRange the longest window accepted
	 * @param now the current time
	 * @return the window
	 * @throws InvalidParameterException naming the offending parameter
	 */
	public static QueryWindow of(String from, String to, String range, Duration defaultRange, Duration maxRange,
			Instant now) {
		if (range != null && !range.isBlank()) {
			if (from != null || to != null) {
				throw new InvalidParameterException("range", "give either range or from/to, not both");
			}
			Duration length = RANGES.get(range.trim());
			if (length == null) {
				throw new InvalidParameterException("range", "unknown range '" + range + "'; use one of "
						+ RANGES.keySet().stream().sorted(QueryWindow::byLength).toList());
			}
			return checked(now.minus(length), now, maxRange);
		}
		Instant start = (from != null) ? instant("from", from) : null;
		Instant end = (to != null) ? instant("to", to) : now;
		if (start == null) {
			start = end.minus(defaultRange);
		}
		return checked(start, end, maxRange);
	}

	private static int byLength(String a, String b) {
		return RANGES.get(a).compareTo(RANGES.get(b));
	}

	private static QueryWindow checked(Instant from, Instant to, Duration maxRange) {
		return checked("from", from, "to", to, maxRange);
	}

	/**
	 * Checks a window before anything is sized from it: both ends within
	 * {@link TimeParameter}'s range, the start before the end, and no longer than the
	 * maximum.
	 * @param fromParameter the parameter named when the start is wrong or the window too
	 * long
	 * @param from the start
	 * @param toParameter the parameter named when the end is wrong
	 * @param to the end
	 * @param maxRange the longest window accepted
	 * @return the window
	 * @throws InvalidParameterException naming one of the two parameters
	 */
	public static QueryWindow checked(String fromParameter, Instant from, String toParameter, Instant to,
			Duration maxRange) {
		TimeParameter.check(fromParameter, from);
		TimeParameter.check(toParameter, to);
		if (!from.isBefore(to)) {
			throw new InvalidParameterException(fromParameter, "from must be before to");
		}
		if (Duration.between(from, to).compareTo(maxRange) > 0) {
			throw new InvalidParameterException(fromParameter, "the range is longer than the maximum of " + maxRange);
		}
		return new QueryWindow(from, to);
	}

	/**
	 * Parses an ISO-8601 instant or offset date-time, or epoch milliseconds, from
	 * {@link TimeParameter#EARLIEST} to {@link TimeParameter#LATEST}.
	 * @param parameter the parameter's name, for the error
	 * @param value the value
	 * @return the instant
	 * @throws InvalidParameterException if the value is neither, or out of that range
	 */
	public static Instant instant(String parameter, String value) {
		return TimeParameter.parse(parameter, value);
	}

	/**
	 * Returns the window's length.
	 * @return {@code to - from}
	 */
	public Duration length() {
		return Duration.between(this.from, this.to);
	}

}
