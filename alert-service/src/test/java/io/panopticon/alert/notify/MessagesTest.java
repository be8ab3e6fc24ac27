package io.panopticon.alert.notify;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message stays within its product's documented limits even when names and labels
 * are far too long (limits as listed in {@link ChannelsIT}), and tells what the alert is.
 */
class MessagesTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String LONG = "x".repeat(10_000);

	@Test
	void slackStaysWithinBlockKitLimits() {
		JsonNode message = JSON.valueToTree(SlackMessage.of(huge()));
		JsonNode blocks = message.at("/attachments/0/blocks");
		assertThat(blocks.size()).isLessThanOrEqualTo(50);
		assertThat(blocks.at("/0/text/text").asString()).hasSizeLessThanOrEqualTo(150).endsWith("…");
		assertThat(blocks.at("/1/fields").size()).isLessThanOrEqualTo(10);
		blocks.at("/1/fields")
			.forEach((field) -> assertThat(field.path("text").asString()).hasSizeLessThanOrEqualTo(2000));
		assertThat(message.path("text").asString()).hasSizeLessThanOrEqualTo(3000);
	}

	@Test
	void slackEscapesItsControlCharacters() {
		AlertNotification notification = new AlertNotification("a", "f", "<!channel> & co", "firing", "warning", "svc",
				null, null, 3L, null, 5.0, "5m", Instant.EPOCH, null, null, Map.of());
		JsonNode message = JSON.valueToTree(SlackMessage.of(notification));
		// mrkdwn (the text and the fields) would turn <!channel> into a mention;
		// plain_text (the header) shows it as it is.
		assertThat(message.path("text").asString()).isEqualTo("[FIRING] warning: &lt;!channel&gt; &amp; co (svc)");
		String fields = message.at("/attachments/0/blocks/1/fields").toString();
		assertThat(fields).doesNotContain("<!channel>").contains("&lt;!channel&gt; &amp; co");
		assertThat(message.at("/attachments/0/blocks/0/text/text").asString()).contains("<!channel> & co");
		assertThat(message.toString()).contains("#F9A825").contains("*Rule*").contains("5 over 5m");
	}

	@Test
	void discordStaysWithinEmbedLimits() {
		JsonNode embed = JSON.valueToTree(DiscordMessage.of(huge())).at("/embeds/0");
		assertThat(embed.path("title").asString()).hasSizeLessThanOrEqualTo(256);
		assertThat(embed.at("/footer/text").asString()).hasSizeLessThanOrEqualTo(2048);
		int total = embed.path("title").asString().length() + embed.at("/footer/text").asString().length();
		assertThat(embed.path("fields").size()).isLessThanOrEqualTo(25);
		for (JsonNode field : embed.path("fields")) {
			assertThat(field.path("name").asString()).hasSizeLessThanOrEqualTo(256);
			assertThat(field.path("value").asString()).hasSizeLessThanOrEqualTo(1024);
			total += field.path("name").asString().length() + field.path("value").asString().length();
		}
		assertThat(total).isLessThanOrEqualTo(6000);
	}

	@Test
	void coloursFollowSeverityAndResolvedIsGreen() {
		assertThat(JSON.valueToTree(DiscordMessage.of(with("critical", "firing"))).at("/embeds/0/color").asInt())
			.isEqualTo(0xD32F2F);
		assertThat(JSON.valueToTree(DiscordMessage.of(with("warning", "firing"))).at("/embeds/0/color").asInt())
			.isEqualTo(0xF9A825);
		assertThat(JSON.valueToTree(DiscordMessage.of(with("info", "firing"))).at("/embeds/0/color").asInt())
			.isEqualTo(0x1E88E5);
		assertThat(JSON.valueToTree(DiscordMessage.of(with("critical", "resolved"))).at("/embeds/0/color").asInt())
			.isEqualTo(0x2E7D32);
		assertThat(JSON.valueToTree(TeamsMessage.of(with("critical", "firing")))
			.at("/attachments/0/content/body/0/color")
			.asString()).isEqualTo("Attention");
		assertThat(JSON.valueToTree(TeamsMessage.of(with("critical", "resolved")))
			.at("/attachments/0/content/body/0/color")
			.asString()).isEqualTo("Good");
	}

	@Test
	void theWebhookBodyCarriesEveryDocumentedField() {
		UUID id = UUID.randomUUID();
		JsonNode body = JSON.valueToTree(WebhookMessage.of(with("critical", "resolved"), id));
		for (String field : List.of("deliveryId", "alertId", "fingerprint", "serviceName", "environment", "sloId",
				"ruleId", "name", "state", "severity", "burnRate", "value", "window", "startsAt", "endsAt", "link",
				"labels")) {
			assertThat(body.has(field)).as(field).isTrue();
		}
		assertThat(body.path("deliveryId").asString()).isEqualTo(id.toString());
		assertThat(body.path("state").asString()).isEqualTo("resolved");
		assertThat(body.path("endsAt").asString()).isEqualTo("2026-12-07T10:30:00Z");
	}

	@Test
	void aLinkThatIsNoWebAddressIsLeftOut() {
		AlertNotification notification = new AlertNotification("a", "f", "n", "firing", "info", "svc", null, 1L, null,
				2.0, null, "1h", Instant.EPOCH, null, "javascript:alert(1)", Map.of());
		assertThat(JSON.valueToTree(SlackMessage.of(notification)).toString()).doesNotContain("javascript");
		assertThat(JSON.valueToTree(TeamsMessage.of(notification)).toString()).doesNotContain("javascript");
		assertThat(JSON.valueToTree(DiscordMessage.of(notification)).toString()).doesNotContain("javascript");
		assertThat(EmailMessage.html(notification)).doesNotContain("javascript");
	}

	@Test
	void theEmailHtmlIsEscaped() {
		AlertNotification notification = new AlertNotification("a", "f", "<script>x</script>", "firing", "info", "svc",
				null, 1L, null, 2.0, null, "1h", Instant.EPOCH, null, null, Map.of());
		assertThat(EmailMessage.html(notification)).doesNotContain("<script>").contains("&lt;script&gt;");
		assertThat(EmailMessage.text(notification)).contains("Burn rate: 2× over 1h");
	}

	private static AlertNotification with(String severity, String state) {
		return new AlertNotification("alert-1", "slo:1", "checkout availability", state, severity, "checkout",
				"production", 1L, null, 14.4, null, "1h", Instant.parse("2026-12-07T10:00:00Z"),
				state.equals("resolved") ? Instant.parse("2026-12-07T10:30:00Z") : null, "https://p.example/slo/1",
				Map.of("team", "payments"));
	}

	private static AlertNotification huge() {
		Map<String, String> labels = new LinkedHashMap<>();
		for (int i = 0; i < 100; i++) {
			labels.put("label" + i, LONG);
		}
		return new AlertNotification(LONG, LONG, LONG, "firing", "critical", LONG, LONG, 1L, null, 14.4, null, LONG,
				Instant.EPOCH, null, "https://p.example/" + LONG, labels);
	}

}
