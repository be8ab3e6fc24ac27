package io.panopticon.query.search;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.panopticon.common.web.InvalidParameterException;
import io.panopticon.query.window.QueryWindow;

/**
 * Reads the request parameters the searches share. Every problem is an
 * {@link InvalidParameterException} naming the parameter as the caller spelled it, so
 * that it is answered as a 400 problem detail.
 */
public final class SearchParameters {

	private SearchParameters() {
	}

	/**
	 * Returns a text parameter with surrounding blanks removed.
	 * @param value the parameter or {@code null}
	 * @return the text, or {@code null} when absent or blank
	 */
	public static String text(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	/**
	 * Reads the page size.
	 * @param value the {@code limit} parameter or {@code null}
	 * @param properties the default and the maximum
	 * @return the page size
	 */
	public static int limit(String value, SearchProperties properties) {
		return limit(value, properties.defaultLimit(), properties.maxLimit());
	}

	/**
	 * Reads the page size.
	 * @param value the {@code limit} parameter or {@code null}
	 * @param defaultLimit the size when none is given
	 * @param maxLimit the largest size accepted
	 * @return the page size
	 */
	public static int limit(String value, int defaultLimit, int maxLimit) {
		String text = text(value);
		if (text == null) {
			return defaultLimit;
		}
		try {
			int limit = Integer.parseInt(text);
			if (limit >= 1 && limit <= maxLimit) {
				return limit;
			}
		}
		catch (NumberFormatException ex) {
			// Answered below.
		}
		throw new InvalidParameterException("limit", "must be a whole number from 1 to " + maxLimit + ", not " + value);
	}

	/**
	 * Reads one value of an enumeration, ignoring case.
	 * @param <E> the enumeration
	 * @param parameter the parameter's name
	 * @param value the value or {@code null}
	 * @param type the enumeration
	 * @return the constant, or {@code null} when absent
	 */
	public static <E extends Enum<E>> E oneOf(String parameter, String value, Class<E> type) {
		String text = text(value);
		if (text == null) {
			return null;
		}
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equalsIgnoreCase(text)) {
				return constant;
			}
		}
		throw new InvalidParameterException(parameter,
				"unknown value '" + text + "'; use one of " + Arrays.toString(type.getEnumConstants()));
	}

	/**
	 * Reads a parameter that may be repeated and may hold comma-separated values of an
	 * enumeration ({@code kind=SERVER&kind=consumer}, {@code level=WARN,ERROR}).
	 * @param <E> the enumeration
	 * @param parameter the parameter's name
	 * @param values the values or {@code null}
	 * @param type the enumeration
	 * @return the constants, empty when none was given
	 */
	public static <E extends Enum<E>> Set<E> anyOf(String parameter, List<String> values, Class<E> type) {
		Set<E> constants = EnumSet.noneOf(type);
		if (values != null) {
			for (String value : values) {
				for (String part : value.split(",")) {
					E constant = oneOf(parameter, part, type);
					if (constant != null) {
						constants.add(constant);
					}
				}
			}
		}
		return constants;
	}

	/**
	 * Reads a duration given in milliseconds, decimals allowed, as microseconds.
	 * @param parameter the parameter's name
	 * @param value the value or {@code null}
	 * @return microseconds, or {@code null} when absent
	 */
	public static Long millisAsMicros(String parameter, String value) {
		String text = text(value);
		if (text == null) {
			return null;
		}
		try {
			BigDecimal millis = new BigDecimal(text);
			if (millis.signum() >= 0 && millis.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 1000)) <= 0) {
				return millis.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact();
			}
		}
		catch (NumberFormatException | ArithmeticException ex) {
			// Answered below.
		}
		throw new InvalidParameterException(parameter,
				"must be a duration in milliseconds, zero or more (decimals allowed), not " + value);
	}

	/**
	 * Checks that a lower bound is not above an upper bound.
	 * @param minParameter the lower bound's parameter name, named in the problem
	 * @param min the lower bound or {@code null}
	 * @param maxParameter the upper bound's parameter name
	 * @param max the upper bound or {@code null}
	 */
	public static void requireOrdered(String minParameter, Long min, String maxParameter, Long max) {
		if (min != null && max != null && min > max) {
			throw new InvalidParameterException(minParameter, minParameter + " must not be above " + maxParameter);
		}
	}

	/**
	 * Reads a boolean.
	 * @param parameter the parameter's name
	 * @param value {@code true}, {@code false} or {@code null}
	 * @return the value, or {@code null} when absent
	 */
	public static Boolean bool(String parameter, String value) {
		String text = text(value);
		if (text == null) {
			return null;
		}
		return switch (text.toLowerCase(Locale.ROOT)) {
			case "true" -> Boolean.TRUE;
			case "false" -> Boolean.FALSE;
			default -> throw new InvalidParameterException(parameter, "must be true or false, not " + value);
		};
	}

	/**
	 * Reads attribute conditions, {@code key:value} (the attribute has that value) or
	 * {@code key} (the attribute is present), as the entries of the documents'
	 * {@code attributes} keyword array: {@code key=value} or {@code key}. The key ends at
	 * the first colon, so values may hold colons.
	 * @param values the {@code attr} parameters or {@code null}
	 * @return the entries to match, all of them
	 */
	public static List<String> attributes(List<String> values) {
		List<String> entries = new ArrayList<>();
		if (values == null) {
			return entries;
		}
		for (String value : values) {
			if (value == null || value.isBlank()) {
				continue;
			}
			int colon = value.indexOf(':');
			String key = ((colon < 0) ? value : value.substring(0, colon)).trim();
			if (key.isEmpty()) {
				throw new InvalidParameterException("attr", "expected key:value or key, not '" + value + "'");
			}
			entries.add((colon < 0) ? key : key + "=" + value.substring(colon + 1));
		}
		return entries;
	}

	/**
	 * Reads a trace id: 16 or 32 hexadecimal digits, not all zeros, in any case.
	 * @param parameter the parameter's name
	 * @param value the value or {@code null}
	 * @return the id in lower case, as stored, or {@code null} when absent
	 */
	public static String traceId(String parameter, String value) {
		String text = text(value);
		if (text == null) {
			return null;
		}
		if ((text.length() == 16 || text.length() == 32) && isHexNotAllZeros(text)) {
			return text.toLowerCase(Locale.ROOT);
		}
		throw new InvalidParameterException(parameter,
				"a trace id is 16 or 32 hexadecimal digits, not all zeros: " + value);
	}

	/**
	 * Reads a span id: 16 hexadecimal digits, not all zeros, in any case.
	 * @param parameter the parameter's name
	 * @param value the value or {@code null}
	 * @return the id in lower case, as stored, or {@code null} when absent
	 */
	public static String spanId(String parameter, String value) {
		String text = text(value);
		if (text == null) {
			return null;
		}
		if (text.length() == 16 && isHexNotAllZeros(text)) {
			return text.toLowerCase(Locale.ROOT);
		}
		throw new InvalidParameterException(parameter, "a span id is 16 hexadecimal digits, not all zeros: " + value);
	}

	private static boolean isHexNotAllZeros(String text) {
		boolean allZeros = true;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.digit(c, 16) < 0) {
				return false;
			}
			allZeros &= (c == '0');
		}
		return !allZeros;
	}

	/**
	 * Reads the sort order.
	 * @param value {@code asc}, {@code desc} or {@code null}
	 * @param ascendingByDefault the order when none is given
	 * @return whether the order is ascending
	 */
	public static boolean ascending(String value, boolean ascendingByDefault) {
		String text = text(value);
		if (text == null) {
			return ascendingByDefault;
		}
		return switch (text.toLowerCase(Locale.ROOT)) {
			case "asc" -> true;
			case "desc" -> false;
			default ->
				throw new InvalidParameterException("order", "unknown value '" + text + "'; use one of [asc, desc]");
		};
	}

	/**
	 * Returns the window to search: the cursor's when continuing, else the one the
	 * {@code from}, {@code to} and {@code range} parameters give, by default the last
	 * {@link SearchProperties#defaultRange()}.
	 * @param from the {@code from} parameter or {@code null}
	 * @param to the {@code to} parameter or {@code null}
	 * @param range the {@code range} parameter or {@code null}
	 * @param cursor the decoded cursor or {@code null}
	 * @param properties the default and the longest range
	 * @param clock tells the time
	 * @return the window
	 */
	public static QueryWindow window(String from, String to, String range, Cursor cursor, SearchProperties properties,
			Clock clock) {
		if (cursor != null) {
			return cursor.window();
		}
		return QueryWindow.of(text(from), text(to), text(range), properties.defaultRange(), properties.maxRange(),
				clock.instant());
	}

}
