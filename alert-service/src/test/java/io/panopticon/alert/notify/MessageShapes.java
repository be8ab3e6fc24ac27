package io.panopticon.alert.notify;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks a message of each kind of channel against what it must say and the product's
 * documented required fields and limits, which are named where they are checked:
 * <ul>
 * <li>Slack (Block Kit reference): at most 50 blocks; a header's {@code plain_text} at
 * most 150 characters; a section at most 10 fields of at most 2000 characters; a button's
 * text at most 75 characters and URL at most 3000; {@code text} as the notification
 * fallback; the colour bar of an attachment a hex colour.</li>
 * <li>Discord (Execute Webhook, Embed Limits): at most 10 embeds; title 256 characters,
 * description 4096, at most 25 fields with names of 256 and values of 1024, footer 2048,
 * 6000 in all; {@code color} an integer.</li>
 * <li>Teams Workflows webhook: a {@code message} whose attachment has content type
 * {@code application/vnd.microsoft.card.adaptive} and an {@code AdaptiveCard} of a
 * version Teams renders (at most 1.5), not a connector {@code MessageCard}.</li>
 * <li>The generic webhook: the fields docs/notifications.md lists, and a signature that
 * verifies as it tells receivers to verify it.</li>
 * </ul>
 */
public final class MessageShapes {

	private MessageShapes() {
	}

	/**
	 * What a message must say.
	 *
	 * @param name the SLO's or rule's name
	 * @param service the service
	 * @param figure the figure as channels show it, for example {@code 14.4× over 1h}
	 * @param severity the severity
	 * @param state {@code firing} or {@code resolved}
	 * @param link the link to the alert
	 */
	public record Expected(String name, String service, String figure, String severity, String state, String link) {

		boolean firing() {
			return AlertNotification.FIRING.equals(this.state);
		}

		String colour() {
			if (!firing()) {
				return "#2E7D32";
			}
			return switch (this.severity) {
				case "critical" -> "#D32F2F";
				case "warning" -> "#F9A825";
				default -> "#1E88E5";
			};
		}

	}

	public static void slack(JsonNode message, Expected expected) {
		assertThat(message.path("text").asString()).contains(expected.state().toUpperCase()).contains(expected.name());
		JsonNode attachment = message.at("/attachments/0");
		assertThat(attachment.path("color").asString()).isEqualTo(expected.colour());
		JsonNode blocks = attachment.path("blocks");
		assertThat(blocks.size()).isBetween(1, 50);
		JsonNode header = blocks.get(0);
		assertThat(header.path("type").asString()).isEqualTo("header");
		assertThat(header.at("/text/type").asString()).isEqualTo("plain_text");
		assertThat(header.at("/text/text").asString()).hasSizeLessThanOrEqualTo(150);
		JsonNode fields = blocks.get(1).path("fields");
		assertThat(fields.size()).isBetween(1, 10);
		StringBuilder all = new StringBuilder();
		fields.forEach((field) -> {
			assertThat(field.path("type").asString()).isEqualTo("mrkdwn");
			assertThat(field.path("text").asString()).hasSizeLessThanOrEqualTo(2000);
			all.append(field.path("text").asString()).append('\n');
		});
		assertThat(all).contains(expected.service())
			.contains("SLO")
			.contains(expected.figure())
			.contains(expected.severity());
		JsonNode button = blocks.get(2).at("/elements/0");
		assertThat(button.path("type").asString()).isEqualTo("button");
		assertThat(button.at("/text/text").asString()).hasSizeLessThanOrEqualTo(75);
		assertThat(button.path("url").asString()).isEqualTo(expected.link()).hasSizeLessThanOrEqualTo(3000);
	}

	public static void discord(JsonNode message, Expected expected) {
		JsonNode embeds = message.path("embeds");
		assertThat(embeds.size()).isBetween(1, 10);
		JsonNode embed = embeds.get(0);
		assertThat(embed.path("title").asString()).contains(expected.name()).hasSizeLessThanOrEqualTo(256);
		assertThat(embed.path("description").asString("")).hasSizeLessThanOrEqualTo(4096);
		assertThat(embed.path("color").isInt()).isTrue();
		assertThat(embed.path("color").asInt()).isEqualTo(Integer.parseInt(expected.colour().substring(1), 16));
		assertThat(embed.path("url").asString()).isEqualTo(expected.link());
		int total = embed.path("title").asString().length() + embed.at("/footer/text").asString().length();
		assertThat(embed.at("/footer/text").asString()).hasSizeLessThanOrEqualTo(2048);
		JsonNode fields = embed.path("fields");
		assertThat(fields.size()).isBetween(1, 25);
		StringBuilder all = new StringBuilder();
		for (JsonNode field : fields) {
			assertThat(field.path("name").asString()).hasSizeLessThanOrEqualTo(256);
			assertThat(field.path("value").asString()).hasSizeLessThanOrEqualTo(1024);
			total += field.path("name").asString().length() + field.path("value").asString().length();
			all.append(field.path("name").asString()).append('=').append(field.path("value").asString()).append('\n');
		}
		assertThat(total).isLessThanOrEqualTo(6000);
		assertThat(all).contains("Service=" + expected.service())
			.contains("Burn rate=" + expected.figure())
			.contains("Severity=" + expected.severity());
		assertThat(message.at("/allowed_mentions/parse").size()).isZero();
	}

	public static void teams(JsonNode message, Expected expected) {
		assertThat(message.path("type").asString()).isEqualTo("message");
		assertThat(message.has("@type")).as("not a connector MessageCard").isFalse();
		JsonNode attachment = message.at("/attachments/0");
		assertThat(attachment.path("contentType").asString()).isEqualTo("application/vnd.microsoft.card.adaptive");
		JsonNode card = attachment.path("content");
		assertThat(card.path("type").asString()).isEqualTo("AdaptiveCard");
		assertThat(Double.parseDouble(card.path("version").asString())).isBetween(1.0, 1.5);
		assertThat(card.path("body").size()).isGreaterThan(0);
		assertThat(card.at("/body/0/text").asString()).contains(expected.name());
		assertThat(card.toString()).contains(expected.service()).contains(expected.figure());
		assertThat(card.at("/actions/0/type").asString()).isEqualTo("Action.OpenUrl");
		assertThat(card.at("/actions/0/url").asString()).isEqualTo(expected.link());
		assertThat(message.toString().getBytes(StandardCharsets.UTF_8).length).isLessThan(28 * 1024);
	}

	/**
	 * Checks a generic webhook request: its headers, the signature (verified as
	 * docs/notifications.md tells receivers to), and the body's common fields.
	 * @param request the request
	 * @param body its body
	 * @param expected what it must say
	 * @param secret the channel's signing key
	 */
	public static void webhook(Receiver.Request request, JsonNode body, Expected expected, String secret)
			throws Exception {
		assertThat(request.header("Content-Type")).startsWith("application/json");
		assertThat(body.path("serviceName").asString()).isEqualTo(expected.service());
		assertThat(body.path("name").asString()).isEqualTo(expected.name());
		assertThat(body.path("state").asString()).isEqualTo(expected.state());
		assertThat(body.path("severity").asString()).isEqualTo(expected.severity());
		assertThat(body.path("burnRate").isNumber()).isTrue();
		assertThat(AlertText.number(body.path("burnRate").asDouble()) + "× over " + body.path("window").asString())
			.isEqualTo(expected.figure());
		assertThat(body.path("ruleId").isNull()).isTrue();
		assertThat(body.path("startsAt").asString()).isNotEmpty();
		assertThat(body.path("link").asString()).isEqualTo(expected.link());
		String deliveryId = request.header("X-Panopticon-Delivery-Id");
		assertThat(body.path("deliveryId").asString()).isEqualTo(deliveryId);
		String timestamp = request.header("X-Panopticon-Timestamp");
		assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp))).isLessThan(300);
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
		String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(request.body()));
		assertThat(request.header("X-Panopticon-Signature")).isEqualTo(signature);
	}

	public static void email(MimeMessage message, Expected expected, String recipient) throws Exception {
		String title = expected.firing()
				? "[FIRING] " + expected.severity() + ": " + expected.name() + " (" + expected.service() + ")"
				: "[RESOLVED] " + expected.name() + " (" + expected.service() + ")";
		assertThat(message.getSubject()).contains(title);
		assertThat(message.getAllRecipients()[0].toString()).isEqualTo(recipient);
		assertThat(message.getFrom()[0].toString()).isEqualTo("alerts@panopticon.test");
		assertThat(message.getHeader("X-Panopticon-Delivery-Id")).hasSize(1);
		List<String> types = new ArrayList<>();
		StringBuilder text = new StringBuilder();
		collect(message.getContent(), types, text);
		assertThat(types).anyMatch((type) -> type.startsWith("text/plain"))
			.anyMatch((type) -> type.startsWith("text/html"));
		assertThat(text).contains(expected.service()).contains(expected.figure()).contains(expected.link());
	}

	private static void collect(Object content, List<String> types, StringBuilder text) throws Exception {
		if (content instanceof MimeMultipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				var part = multipart.getBodyPart(i);
				if (part.getContent() instanceof MimeMultipart nested) {
					collect(nested, types, text);
				}
				else {
					types.add(part.getContentType().toLowerCase());
					text.append(part.getContent()).append('\n');
				}
			}
		}
	}

}
