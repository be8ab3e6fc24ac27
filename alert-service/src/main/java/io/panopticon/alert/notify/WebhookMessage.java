package io.panopticon.alert.notify;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The generic webhook's JSON body (docs/notifications.md, "Generic webhook"): every field
 * of the notification, absent ones as null, and the delivery id also found in the
 * {@code X-Panopticon-Delivery-Id} header.
 */
final class WebhookMessage {

	private WebhookMessage() {
	}

	static Map<String, Object> of(AlertNotification notification, UUID deliveryId) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("deliveryId", deliveryId.toString());
		body.put("alertId", notification.alertId());
		body.put("fingerprint", notification.fingerprint());
		body.put("serviceName", notification.serviceName());
		body.put("environment", notification.environment());
		body.put("sloId", notification.sloId());
		body.put("ruleId", notification.ruleId());
		body.put("name", notification.name());
		body.put("state", notification.state());
		body.put("severity", notification.severity());
		body.put("burnRate", notification.burnRate());
		body.put("value", notification.value());
		body.put("window", notification.window());
		body.put("startsAt", (notification.startsAt() != null)
				? DateTimeFormatter.ISO_INSTANT.format(notification.startsAt()) : null);
		body.put("endsAt",
				(notification.endsAt() != null) ? DateTimeFormatter.ISO_INSTANT.format(notification.endsAt()) : null);
		body.put("link", notification.link());
		body.put("labels", (notification.labels() != null) ? notification.labels() : Map.of());
		return body;
	}

}
