package io.panopticon.query.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.panopticon.common.web.InvalidParameterException;

/**
 * Reads the request parameters the metrics endpoints share, each failure an
 * {@link InvalidParameterException} naming the parameter. Plain Java.
 */
public final class Parameters {

	/** The most points a time series may have. */
	public static final int MAX_POINTS = 1_500;

	/** Intervals chosen when none is asked for: the first giving at most 180 points. */
	static final List<Duration> INTERVALS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
			Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1),
			Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1));

	static final int TARGET_POINTS = 180;

	/** The longest {@code search} accepted. */
	public static final int MAX_SEARCH_LENGTH = 100;

	private static final Pattern INTERVAL = Pattern.compile("([1-9][0-9]{0,5})([mhd])");

	private Parameters() {
	}

	/**
	 * Reads {@code limit}.
	 * @param limit the parameter or {@code null}
	 * @param defaultLimit used when absent
	 * @param max the largest accepted
	 * @return the limit
	 */
	public static int limit(Integer limit, int defaultLimit, int max) {
		if (limit == null) {
			return defaultLimit;
		}
		if (limit < 1 || limit > max) {
			throw new InvalidParameterException("limit", "must be between 1 and " + max + ", not " + limit);
		}
		return limit;
	}

	/**
	 * Reads {@code order}.
	 * @param order the parameter or {@code null}
	 * @param defaultAscending used when absent
	 * @return whether ascending
	 */
	public static boolean ascending(String order, boolean defaultAscending) {
		if (order == null || order.isBlank()) {
			return defaultAscending;
		}
		return switch (order.trim().toLowerCase(Locale.ROOT)) {
			case "asc" -> true;
			case "desc" -> false;
			default -> throw new InvalidParameterException("order", "use asc or desc, not '" + order + "'");
		};
	}

	/**
	 * Reads {@code sort}.
	 * @param sort the parameter or {@code null}
	 * @param allowed the accepted field names
	 * @param defaultSort used when absent
	 * @return the field
	 */
	public static String sort(String sort, List<String> allowed, String defaultSort) {
		if (sort == null || sort.isBlank()) {
			return defaultSort;
		}
		String field = sort.trim();
		if (!allowed.contains(field)) {
			throw new InvalidParameterException("sort", "unknown sort field '" + sort + "'; use one of " + allowed);
		}
		return field;
	}

	/**
	 * Reads {@code interval}: {@code Nm}, {@code Nh} or {@code Nd}, at least a minute, at
	 * most {@link #MAX_POINTS} points over the range; when absent, the shortest of
	 * {@link #INTERVALS} that gives at most 180 points.
	 * @param interval the parameter or {@code null}
	 * @param range the length of the range
	 * @return the interval
	 */
	public static Duration interval(String interval, Duration range) {
		if (interval == null || interval.isBlank()) {
			for (Duration candidate : INTERVALS) {
				if (points(range, candidate) <= TARGET_POINTS) {
					return candidate;
				}
			}
			return INTERVALS.get(INTERVALS.size() - 1);
		}
		Matcher matcher = INTERVAL.matcher(interval.trim());
		if (!matcher.matches()) {
			throw new InvalidParameterException("interval",
					"expected a number of minutes, hours or days such as 5m, 1h or 1d, not '" + interval + "'");
		}
		long amount = Long.parseLong(matcher.group(1));
		Duration parsed = switch (matcher.group(2)) {
			case "m" -> Duration.ofMinutes(amount);
			case "h" -> Duration.ofHours(amount);
			default -> Duration.ofDays(amount);
		};
		if (points(range, parsed) > MAX_POINTS) {
			throw new InvalidParameterException("interval", "'" + interval + "' gives more than " + MAX_POINTS
					+ " points over the range; choose a longer interval");
		}
		return parsed;
	}

	/**
	 * Formats an interval the way {@link #interval} reads it.
	 * @param interval the interval, whole minutes
	 * @return for example {@code 5m}, {@code 1h} or {@code 1d}
	 */
	public static String format(Duration interval) {
		long minutes = interval.toMinutes();
		if (minutes % (24 * 60) == 0) {
			return (minutes / (24 * 60)) + "d";
		}
		if (minutes % 60 == 0) {
			return (minutes / 60) + "h";
		}
		return minutes + "m";
	}

	private static long points(Duration range, Duration interval) {
		long step = interval.toMillis();
		// A range not aligned to the interval touches one more bucket.
		return (range.toMillis() + step - 1) / step + 1;
	}

	/**
	 * Reads {@code search}, text a service's name must contain (ignoring case): at most
	 * {@value #MAX_SEARCH_LENGTH} characters, more than any service name a dashboard
	 * shows.
	 * @param search the parameter or {@code null}
	 * @return the trimmed text, or {@code null} when absent or blank
	 */
	public static String search(String search) {
		String text = text(search);
		if (text != null && text.codePointCount(0, text.length()) > MAX_SEARCH_LENGTH) {
			throw new InvalidParameterException("search", "must be at most " + MAX_SEARCH_LENGTH + " characters long");
		}
		return text;
	}

	/**
	 * Reads a free-text filter: blank means none.
	 * @param value the parameter or {@code null}
	 * @return the trimmed value or {@code null}
	 */
	public static String text(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
