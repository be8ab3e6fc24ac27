package io.panopticon.alert.slo;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Window lengths as the API writes them: {@code 5m}, {@code 1h}, {@code 3d}. */
public final class Windows {

	/** The burn-rate windows every status shows. */
	public static final List<String> STANDARD = List.of("5m", "30m", "1h", "2h", "6h", "1d", "3d");

	private static final Pattern TEXT = Pattern.compile("([1-9][0-9]{0,4})([mhd])");

	private Windows() {
	}

	/**
	 * @param text for example {@code 30m}
	 * @return the length, or null if the text is no window
	 */
	public static Duration parse(String text) {
		Matcher matcher = (text != null) ? TEXT.matcher(text.trim()) : null;
		if (matcher == null || !matcher.matches()) {
			return null;
		}
		long amount = Long.parseLong(matcher.group(1));
		return switch (matcher.group(2)) {
			case "m" -> Duration.ofMinutes(amount);
			case "h" -> Duration.ofHours(amount);
			default -> Duration.ofDays(amount);
		};
	}

	/**
	 * @param window a length of whole minutes
	 * @return its text in the largest whole unit, for example {@code 6h}
	 */
	public static String format(Duration window) {
		long minutes = window.toMinutes();
		if (minutes % (24 * 60) == 0) {
			return (minutes / (24 * 60)) + "d";
		}
		if (minutes % 60 == 0) {
			return (minutes / 60) + "h";
		}
		return minutes + "m";
	}

}
