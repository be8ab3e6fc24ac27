package io.panopticon.alert.notify;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Discord webhook message: one embed coloured by severity. Within Discord's documented
 * limits: title at most 256 characters, description 4096, at most 25 fields whose names
 * have at most 256 and values 1024 characters, footer 2048, and 6000 in all. Mentions are
 * switched off, so a name such as {@code @everyone} pings nobody.
 */
final class DiscordMessage {

	static final int TITLE_MAX = 256;

	static final int FIELDS_MAX = 25;

	static final int FIELD_NAME_MAX = 256;

	static final int FIELD_VALUE_MAX = 1024;

	static final int FOOTER_MAX = 2048;

	static final int TOTAL_MAX = 6000;

	private DiscordMessage() {
	}

	static Map<String, Object> of(AlertNotification notification) {
		Map<String, Object> embed = new LinkedHashMap<>();
		String title = AlertText.fit(AlertText.title(notification), TITLE_MAX);
		embed.put("title", title);
		String link = AlertText.link(notification);
		if (link != null) {
			embed.put("url", link);
		}
		embed.put("color", AlertText.colour(notification));
		if (notification.startsAt() != null) {
			embed.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(notification.startsAt()));
		}
		String footer = AlertText.fit("Panopticon alert " + notification.alertId(), FOOTER_MAX);
		int total = title.length() + footer.length();
		List<Object> fields = new ArrayList<>();
		for (Map.Entry<String, String> fact : AlertText.facts(notification)) {
			String name = AlertText.fit(fact.getKey(), FIELD_NAME_MAX);
			String value = AlertText.fit(fact.getValue(), FIELD_VALUE_MAX);
			if (fields.size() == FIELDS_MAX || total + name.length() + value.length() > TOTAL_MAX) {
				break;
			}
			total += name.length() + value.length();
			fields.add(Map.of("name", name, "value", value, "inline", fact.getValue().length() <= 40));
		}
		embed.put("fields", fields);
		embed.put("footer", Map.of("text", footer));
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("username", "Panopticon");
		message.put("embeds", List.of(embed));
		message.put("allowed_mentions", Map.of("parse", List.of()));
		return message;
	}

}
