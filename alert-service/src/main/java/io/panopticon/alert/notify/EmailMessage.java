package io.panopticon.alert.notify;

import java.util.Map;

import org.springframework.web.util.HtmlUtils;

/** An alert e-mail's text and HTML parts, saying what the other channels say. */
final class EmailMessage {

	private EmailMessage() {
	}

	static String text(AlertNotification notification) {
		StringBuilder text = new StringBuilder(AlertText.title(notification)).append("\n\n");
		for (Map.Entry<String, String> fact : AlertText.facts(notification)) {
			text.append(fact.getKey()).append(": ").append(fact.getValue()).append('\n');
		}
		String link = AlertText.link(notification);
		if (link != null) {
			text.append("\nOpen in Panopticon: ").append(link).append('\n');
		}
		return text.toString();
	}

	static String html(AlertNotification notification) {
		StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
		html.append("<h2 style=\"border-left:6px solid ")
			.append(AlertText.hexColour(notification))
			.append(";padding-left:8px\">")
			.append(escape(AlertText.title(notification)))
			.append("</h2><table>");
		for (Map.Entry<String, String> fact : AlertText.facts(notification)) {
			html.append("<tr><th align=\"left\">")
				.append(escape(fact.getKey()))
				.append("</th><td>")
				.append(escape(fact.getValue()))
				.append("</td></tr>");
		}
		html.append("</table>");
		String link = AlertText.link(notification);
		if (link != null) {
			html.append("<p><a href=\"").append(escape(link)).append("\">Open in Panopticon</a></p>");
		}
		return html.append("</body></html>").toString();
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape(text, "UTF-8");
	}

}
