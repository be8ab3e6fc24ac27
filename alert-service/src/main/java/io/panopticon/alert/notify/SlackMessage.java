package io.panopticon.alert.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Slack incoming-webhook message: a plain {@code text} (shown in notifications and
 * where blocks cannot be) and Block Kit blocks in an attachment, whose {@code color} bar
 * is the severity. Within Slack's documented limits: a header's text at most 150
 * characters, a section at most 10 fields of at most 2000 characters, a button's text at
 * most 75 and its URL at most 3000, at most 50 blocks.
 */
final class SlackMessage {

	static final int HEADER_MAX = 150;

	static final int FIELDS_MAX = 10;

	static final int FIELD_TEXT_MAX = 2000;

	static final int BUTTON_TEXT_MAX = 75;

	static final int URL_MAX = 3000;

	static final int TEXT_MAX = 3000;

	private SlackMessage() {
	}

	static Map<String, Object> of(AlertNotification notification) {
		List<Object> blocks = new ArrayList<>();
		blocks.add(Map.of("type", "header", "text", plain(AlertText.fit(AlertText.title(notification), HEADER_MAX))));
		List<Object> fields = new ArrayList<>();
		for (Map.Entry<String, String> fact : AlertText.facts(notification)) {
			if (fields.size() == FIELDS_MAX) {
				break;
			}
			fields.add(mrkdwn(
					AlertText.fit("*" + escape(fact.getKey()) + "*\n" + escape(fact.getValue()), FIELD_TEXT_MAX)));
		}
		if (!fields.isEmpty()) {
			blocks.add(Map.of("type", "section", "fields", fields));
		}
		String link = AlertText.link(notification);
		if (link != null && link.length() <= URL_MAX) {
			blocks.add(Map.of("type", "actions", "elements",
					List.of(Map.of("type", "button", "text", plain("Open in Panopticon"), "url", link))));
		}
		Map<String, Object> attachment = new LinkedHashMap<>();
		attachment.put("color", AlertText.hexColour(notification));
		attachment.put("blocks", blocks);
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("text", AlertText.fit(escape(AlertText.title(notification)), TEXT_MAX));
		message.put("attachments", List.of(attachment));
		return message;
	}

	private static Map<String, Object> plain(String text) {
		return Map.of("type", "plain_text", "text", text, "emoji", true);
	}

	private static Map<String, Object> mrkdwn(String text) {
		return Map.of("type", "mrkdwn", "text", text);
	}

	/** Slack's three control characters in mrkdwn: &amp;, &lt; and &gt;. */
	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

}
