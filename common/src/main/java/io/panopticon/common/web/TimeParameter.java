package io.panopticon.common.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Reads a time a caller gives as a request parameter ({@code from}, {@code to},
 * {@code since}, ...): ISO-8601 with an offset, such as {@code 2026-11-22T03:00:00Z}, or
 * epoch milliseconds. Only times from {@link #EARLIEST} to {@link #LATEST} are accepted:
 * the range of epoch nanoseconds in a {@code long} (and of Elasticsearch's
 * {@code date_nanos}), rounded inwards to whole years. Within it every conversion the
 * services make (to epoch microseconds or nanoseconds, to index names) stays exact, so
 * nothing downstream can overflow or be sized from an absurd time. Thread-safe; all
 * methods are static.
 */
public final class TimeParameter {

	/** The earliest time accepted. */
	public static final Instant EARLIEST = Instant.parse("1678-01-01T00:00:00Z");

	/** The latest time accepted. */
	public static final Instant LATEST = Instant.parse("2262-01-01T00:00:00Z");

	static final String FORMS = "an ISO-8601 time such as 2026-11-22T03:00:00Z, or epoch milliseconds";

	private TimeParameter() {
	}

	/**
	 * Parses a time.
	 * @param parameter the parameter's name, for the problem
	 * @param value the parameter's value
	 * @return the instant, from {@link #EARLIEST} to {@link #LATEST}
	 * @throws InvalidParameterException naming the parameter when the value is not a time
	 * or is out of that range
	 */
	public static Instant parse(String parameter, String value) {
		String text = value.trim();
		Instant instant;
		if (!text.isEmpty() && text.length() <= 19 && text.chars().allMatch(TimeParameter::isDigit)) {
			// 19 digits hold every long; longer ones are out of range anyway.
			try {
				instant = Instant.ofEpochMilli(Long.parseLong(text));
			}
			catch (NumberFormatException ex) {
				throw outOfRange(parameter);
			}
		}
		else if (!text.isEmpty() && text.chars().allMatch(TimeParameter::isDigit)) {
			throw outOfRange(parameter);
		}
		else {
			try {
				instant = OffsetDateTime.parse(text).toInstant();
			}
			catch (DateTimeException ex) {
				throw new InvalidParameterException(parameter, "expected " + FORMS + ", not '" + value + "'");
			}
		}
		return check(parameter, instant);
	}

	/**
	 * Checks a time computed from parameters, or carried by a cursor.
	 * @param parameter the parameter to name when it is out of range
	 * @param instant the time
	 * @return the time
	 * @throws InvalidParameterException naming the parameter when the time is before
	 * {@link #EARLIEST} or after {@link #LATEST}
	 */
	public static Instant check(String parameter, Instant instant) {
		if (!isSupported(instant)) {
			throw outOfRange(parameter);
		}
		return instant;
	}

	/**
	 * Returns whether a time is in the accepted range.
	 * @param instant the time
	 * @return whether it is from {@link #EARLIEST} to {@link #LATEST}
	 */
	public static boolean isSupported(Instant instant) {
		return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
	}

	private static InvalidParameterException outOfRange(String parameter) {
		return new InvalidParameterException(parameter, "must be a time from " + EARLIEST + " to " + LATEST);
	}

	private static boolean isDigit(int c) {
		// Character.isDigit would take other scripts' digits, which Long.parseLong reads
		// too, but no caller means them.
		return c >= '0' && c <= '9';
	}

}
