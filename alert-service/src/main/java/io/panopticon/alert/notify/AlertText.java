package io.panopticon.alert.notify;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The words every channel uses for a notification: a title, labelled facts and a severity
 * colour, so that Slack, Discord, Teams and e-mail say the same thing.
 */
final class AlertText {

	/** Red. */
	static final int CRITICAL = 0xD32F2F;

	/** Amber. */
	static final int WARNING = 0xF9A825;

	/** Blue. */
	static final int INFO = 0x1E88E5;

	/** Green: every resolved alert. */
	static final int RESOLVED = 0x2E7D32;

	private AlertText() {
	}

	static boolean resolved(AlertNotification notification) {
		return AlertNotification.RESOLVED.equals(notification.state());
	}

	/**
	 * @return for example {@code [FIRING] critical: checkout availability (checkout)}
	 */
	static String title(AlertNotification notification) {
		StringBuilder title = new StringBuilder();
		title.append('[').append(upper(orDash(notification.state()))).append("] ");
		if (!resolved(notification) && notification.severity() != null) {
			title.append(notification.severity()).append(": ");
		}
		title.append(orDash(notification.name()));
		if (notification.serviceName() != null) {
			title.append(" (").append(notification.serviceName()).append(')');
		}
		return title.toString();
	}

	/**
	 * The facts, in the order channels show them; absent ones are left out.
	 * @return label and value pairs
	 */
	static List<Map.Entry<String, String>> facts(AlertNotification notification) {
		List<Map.Entry<String, String>> facts = new ArrayList<>();
		add(facts, "Service", notification.serviceName());
		add(facts, "Environment", notification.environment());
		if (notification.sloId() != null) {
			add(facts, "SLO", notification.name() + " (#" + notification.sloId() + ")");
		}
		if (notification.ruleId() != null) {
			add(facts, "Rule", notification.name() + " (#" + notification.ruleId() + ")");
		}
		add(facts, figureLabel(notification), figure(notification));
		add(facts, "Severity", notification.severity());
		add(facts, "State", notification.state());
		if (notification.startsAt() != null) {
			add(facts, "Started",
					DateTimeFormatter.ISO_INSTANT.format(notification.startsAt().truncatedTo(ChronoUnit.SECONDS)));
		}
		if (notification.endsAt() != null) {
			add(facts, "Resolved",
					DateTimeFormatter.ISO_INSTANT.format(notification.endsAt().truncatedTo(ChronoUnit.SECONDS)));
		}
		if (notification.labels() != null && !notification.labels().isEmpty()) {
			List<String> labels = new ArrayList<>();
			notification.labels().forEach((key, value) -> labels.add(key + "=" + value));
			add(facts, "Labels", String.join(", ", labels));
		}
		return facts;
	}

	static String figureLabel(AlertNotification notification) {
		return (notification.burnRate() != null) ? "Burn rate" : "Value";
	}

	/**
	 * @return for example {@code 14.4× over 1h}, or null without a figure
	 */
	static String figure(AlertNotification notification) {
		String window = (notification.window() != null) ? " over " + notification.window() : "";
		if (notification.burnRate() != null) {
			return number(notification.burnRate()) + "×" + window;
		}
		if (notification.value() != null) {
			return number(notification.value()) + window;
		}
		return null;
	}

	/** Four significant digits at most, no exponent, no trailing zeros. */
	static String number(double value) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			return String.valueOf(value);
		}
		return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
	}

	static int colour(AlertNotification notification) {
		if (resolved(notification)) {
			return RESOLVED;
		}
		String severity = (notification.severity() != null) ? notification.severity() : "";
		return switch (severity.toLowerCase(Locale.ROOT)) {
			case "critical" -> CRITICAL;
			case "warning" -> WARNING;
			default -> INFO;
		};
	}

	static String hexColour(AlertNotification notification) {
		return String.format("#%06X", colour(notification));
	}

	/** A link that every channel can safely show: http or https, else none. */
	static String link(AlertNotification notification) {
		String link = notification.link();
		if (link == null) {
			return null;
		}
		String lower = link.toLowerCase(Locale.ROOT);
		return (lower.startsWith("https://") || lower.startsWith("http://")) ? link : null;
	}

	/**
	 * @param text any text, or null
	 * @param max the most characters (UTF-16 units) allowed
	 * @return the text, cut with an ellipsis to fit
	 */
	static String fit(String text, int max) {
		if (text == null || text.length() <= max) {
			return text;
		}
		int end = max - 1;
		if (Character.isHighSurrogate(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(0, end) + "…";
	}

	private static void add(List<Map.Entry<String, String>> facts, String label, String value) {
		if (value != null && !value.isBlank()) {
			facts.add(Map.entry(label, value));
		}
	}

	private static String upper(String value) {
		return value.toUpperCase(Locale.ROOT);
	}

	private static String orDash(String value) {
		return (value != null) ? value : "-";
	}

}
