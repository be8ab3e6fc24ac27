package io.panopticon.alert.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Microsoft Teams message for a Workflows ("When a Teams webhook request is received")
 * webhook: an Adaptive Card in a {@code message} envelope's attachment. The card is of
 * schema version 1.4, which Teams renders on desktop, web and mobile; the retired Office
 * 365 connector card ({@code MessageCard}) is not used. Teams takes messages of up to
 * about 28 KB; this one stays far below.
 */
final class TeamsMessage {

	static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

	static final String VERSION = "1.4";

	private TeamsMessage() {
	}

	static Map<String, Object> of(AlertNotification notification) {
		List<Object> body = new ArrayList<>();
		Map<String, Object> title = new LinkedHashMap<>();
		title.put("type", "TextBlock");
		title.put("text", AlertText.title(notification));
		title.put("size", "Large");
		title.put("weight", "Bolder");
		title.put("color", colour(notification));
		title.put("wrap", true);
		body.add(title);
		List<Object> facts = new ArrayList<>();
		AlertText.facts(notification)
			.forEach((fact) -> facts.add(Map.of("title", fact.getKey(), "value", fact.getValue())));
		if (!facts.isEmpty()) {
			body.add(Map.of("type", "FactSet", "facts", facts));
		}
		Map<String, Object> card = new LinkedHashMap<>();
		card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
		card.put("type", "AdaptiveCard");
		card.put("version", VERSION);
		card.put("body", body);
		String link = AlertText.link(notification);
		if (link != null) {
			card.put("actions", List.of(Map.of("type", "Action.OpenUrl", "title", "Open in Panopticon", "url", link)));
		}
		card.put("msteams", Map.of("width", "Full"));
		Map<String, Object> attachment = new LinkedHashMap<>();
		attachment.put("contentType", CONTENT_TYPE);
		attachment.put("contentUrl", null);
		attachment.put("content", card);
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("type", "message");
		message.put("attachments", List.of(attachment));
		return message;
	}

	/** The Adaptive Card text colours closest to the severity colours. */
	private static String colour(AlertNotification notification) {
		return switch (AlertText.colour(notification)) {
			case AlertText.CRITICAL -> "Attention";
			case AlertText.WARNING -> "Warning";
			case AlertText.RESOLVED -> "Good";
			default -> "Accent";
		};
	}

}
