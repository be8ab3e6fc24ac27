package io.panopticon.alert.notify;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.panopticon.alert.notify.Receiver.Answer;
import io.panopticon.alert.web.Caller;
import io.panopticon.common.security.Role;
import io.panopticon.common.web.InvalidParameterException;
import io.panopticon.testing.RealServers;
import io.panopticon.testing.ServiceClient;
import io.panopticon.testing.ServiceClient.Response;
import io.panopticon.testing.TestServers;
import io.panopticon.testing.TestTokens;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Notification channels against real PostgreSQL: loopback HTTP servers stand in for
 * Slack, Discord, Teams and a webhook receiver, and GreenMail for an SMTP server. The
 * documented limits each message is checked against are named where they are checked:
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
 * </ul>
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealServers
class ChannelsIT {

	static final String SIGNING_SECRET = "a-webhook-signing-secret-0123456789";

	static final String LINK = "http://127.0.0.1:3000/slo/7";

	static final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

	static {
		smtp.start();
	}

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerPostgres(registry);
		TestServers.registerKafka(registry);
		TestServers.registerElasticsearch(registry);
		registry.add("panopticon.jwt.public-key", TestTokens::publicKeyPem);
		registry.add("panopticon.jwt.private-key", TestTokens::privateKeyPem);
		registry.add("panopticon.secret-key", () -> "integration-test-secret-key-of-some-length");
		registry.add("panopticon.admin.username", () -> "root-admin");
		registry.add("panopticon.admin.password", () -> "Correct-Horse-Battery-9");
		registry.add("panopticon.alert.bcrypt-strength", () -> "4");
		// The receivers are on loopback, which the policy denies by default.
		registry.add("panopticon.outbound.allowed-networks", () -> "127.0.0.0/8,::1/128");
		// Short pauses, so that retries take a second rather than minutes.
		registry.add("panopticon.notify.poll-interval", () -> "100ms");
		registry.add("panopticon.notify.first-retry", () -> "200ms");
		registry.add("panopticon.notify.max-retry", () -> "2s");
		registry.add("panopticon.notify.mail.host", () -> "127.0.0.1");
		registry.add("panopticon.notify.mail.port", () -> smtp.getSmtp().getPort());
		registry.add("panopticon.notify.mail.from", () -> "alerts@panopticon.test");
		// GreenMail offers no STARTTLS; "required", the default, is tested in
		// MailTransportTest.
		registry.add("panopticon.notify.mail.start-tls", () -> "optional");
	}

	@AfterAll
	static void stopSmtp() {
		smtp.stop();
	}

	@LocalServerPort
	int port;

	@Autowired
	Notifications notifications;

	@Autowired
	Outbox outbox;

	@Autowired
	Channels channels;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JsonMapper json;

	@Test
	void eachKindOfChannelReceivesOneCorrectlyShapedMessage() throws Exception {
		try (Receiver slack = Receiver.start();
				Receiver discord = Receiver.start();
				Receiver teams = Receiver.start();
				Receiver webhook = Receiver.start()) {
			long slackId = create(
					"{\"type\":\"slack\",\"name\":\"ops slack\",\"url\":\"" + slack.url("/services/T0/B0/xyz") + "\"}");
			long discordId = create("{\"type\":\"discord\",\"name\":\"ops discord\",\"url\":\""
					+ discord.url("/api/webhooks/1/token") + "\"}");
			long teamsId = create(
					"{\"type\":\"teams\",\"name\":\"ops teams\",\"url\":\"" + teams.url("/workflows/abc") + "\"}");
			long webhookId = create("{\"type\":\"webhook\",\"name\":\"pager\",\"url\":\"" + webhook.url("/hook")
					+ "\",\"secret\":\"" + SIGNING_SECRET + "\"}");
			long emailId = create("{\"type\":\"email\",\"name\":\"oncall\",\"recipients\":[\"oncall@example.test\"]}");

			AlertNotification firing = firing("alert-shapes");
			// In the evaluator's transaction, as the SLO evaluation calls it.
			this.transactions.executeWithoutResult((status) -> this.notifications.enqueue(firing,
					List.of(slackId, discordId, teamsId, webhookId, emailId, 999_999L)));

			checkSlack(json(slack.await(1).get(0)));
			checkDiscord(json(discord.await(1).get(0)));
			checkTeams(json(teams.await(1).get(0)));
			Receiver.Request hook = webhook.await(1).get(0);
			checkWebhook(hook);
			assertThat(smtp.waitForIncomingEmail(60_000, 1)).isTrue();
			checkEmail(smtp.getReceivedMessages()[0]);

			awaitState(webhookId, "delivered");
			assertThat(slack.requests()).hasSize(1);
			assertThat(discord.requests()).hasSize(1);
			assertThat(teams.requests()).hasSize(1);
			assertThat(webhook.requests()).hasSize(1);
		}
	}

	@Test
	void anEmailChannelWithItsOwnServerSendsThroughItAndKeepsItsPasswordSealed() throws Exception {
		GreenMail own = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		own.setUser("alerts@own.test", "alerts", "own-smtp-password-123");
		own.start();
		try {
			long id = create("{\"type\":\"email\",\"recipients\":[\"team@example.test\"],\"smtp\":{\"host\":"
					+ "\"127.0.0.1\",\"port\":" + own.getSmtp().getPort() + ",\"username\":\"alerts\","
					+ "\"password\":\"own-smtp-password-123\",\"from\":\"alerts@own.test\",\"startTls\":\"optional\"}}");
			Response read = client().get("/api/channels/" + id, TestTokens.token("viewer"));
			assertThat(read.body()).doesNotContain("own-smtp-password-123");
			assertThat(read.json().at("/smtp/passwordSet").asBoolean()).isTrue();
			assertThat(read.json().at("/smtp/host").asString()).isEqualTo("127.0.0.1");
			byte[] stored = this.jdbc.queryForObject("select secrets_enc from channels where id = ?", byte[].class, id);
			assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("own-smtp-password-123");
			assertThat(this.jdbc.queryForObject("select config::text from channels where id = ?", String.class, id))
				.doesNotContain("own-smtp-password-123");

			this.notifications.enqueue(firing("alert-own-smtp"), List.of(id));
			assertThat(own.waitForIncomingEmail(60_000, 1)).isTrue();
			MimeMessage message = own.getReceivedMessages()[0];
			assertThat(message.getFrom()[0].toString()).isEqualTo("alerts@own.test");
			assertThat(message.getAllRecipients()[0].toString()).isEqualTo("team@example.test");
			awaitState(id, "delivered");
		}
		finally {
			own.stop();
		}
		assertInvalid("{\"type\":\"slack\",\"url\":\"https://example.test/h\",\"smtp\":{\"host\":\"x\"}}", "smtp");
		assertInvalid(
				"{\"type\":\"email\",\"recipients\":[\"a@example.test\"],\"smtp\":{\"host\":\"smtp.example.test\"}}",
				"smtp.from");
		assertInvalid(
				"{\"type\":\"email\",\"recipients\":[\"a@example.test\"],\"smtp\":{\"host\":\"smtp.example.test\","
						+ "\"from\":\"a@example.test\",\"port\":70000}}",
				"smtp.port");
		assertInvalid(
				"{\"type\":\"email\",\"recipients\":[\"a@example.test\"],\"smtp\":{\"host\":\"smtp.example.test\","
						+ "\"from\":\"a@example.test\",\"username\":\"u\"}}",
				"smtp.password");
	}

	@Test
	void aMessageQueuedInATransactionThatRollsBackIsNeverSent() {
		try (Receiver webhook = Receiver.start()) {
			long id = create("{\"type\":\"webhook\",\"url\":\"" + webhook.url("/hook") + "\"}");
			this.transactions.executeWithoutResult((status) -> {
				this.notifications.enqueue(firing("alert-rolled-back"), List.of(id));
				status.setRollbackOnly();
			});
			assertThat(this.jdbc.queryForObject("select count(*) from notification_outbox where channel_id = ?",
					Long.class, id))
				.isZero();
		}
	}

	@Test
	void aReceiverThatFailsThreeTimesGetsTheMessageOnceWithOneDeliveryId() {
		try (Receiver webhook = Receiver.start(Answer.status(500), Answer.status(502), Answer.status(503))) {
			long id = create("{\"type\":\"webhook\",\"url\":\"" + webhook.url("/hook") + "\"}");
			this.notifications.enqueue(firing("alert-flaky"), List.of(id));
			awaitState(id, "delivered");
			List<Receiver.Request> requests = webhook.requests();
			assertThat(requests).hasSize(4);
			assertThat(requests.stream().map((request) -> request.header("X-Panopticon-Delivery-Id")).distinct())
				.hasSize(1);
			JsonNode deliveries = client().get("/api/channels/" + id + "/deliveries", TestTokens.token("viewer"))
				.json();
			List<String> outcomes = new ArrayList<>();
			deliveries.path("items").forEach((attempt) -> outcomes.add(attempt.path("outcome").asString()));
			assertThat(outcomes).containsExactly("delivered", "retry", "retry", "retry");
			assertThat(deliveries.at("/items/1/statusCode").asInt()).isEqualTo(503);
			assertThat(deliveries.at("/items/0/attempt").asInt()).isEqualTo(4);
		}
	}

	@Test
	void retryAfterIsHonoured() {
		try (Receiver webhook = Receiver.start(new Answer(429, "2"))) {
			long id = create("{\"type\":\"webhook\",\"url\":\"" + webhook.url("/hook") + "\"}");
			this.notifications.enqueue(firing("alert-throttled"), List.of(id));
			List<Receiver.Request> requests = webhook.await(2);
			// The next attempt would come after 200 ms without the header.
			assertThat(Duration.ofNanos(requests.get(1).nanoTime() - requests.get(0).nanoTime()))
				.isGreaterThanOrEqualTo(Duration.ofSeconds(2));
			awaitState(id, "delivered");
		}
	}

	@Test
	void aClientErrorIsNotRetried() {
		try (Receiver webhook = Receiver.start(Answer.status(400))) {
			long id = create("{\"type\":\"webhook\",\"url\":\"" + webhook.url("/hook") + "\"}");
			this.notifications.enqueue(firing("alert-refused"), List.of(id));
			awaitState(id, "failed");
			assertThat(webhook.requests()).hasSize(1);
			JsonNode attempt = client().get("/api/channels/" + id + "/deliveries", TestTokens.token("viewer"))
				.json()
				.at("/items/0");
			assertThat(attempt.path("outcome").asString()).isEqualTo("failed");
			assertThat(attempt.path("statusCode").asInt()).isEqualTo(400);
			assertThat(attempt.path("state").asString()).isEqualTo("failed");
		}
	}

	@Test
	void aMessageClaimedByAReplicaThatDiedIsSentOnceItsClaimLapses() {
		try (Receiver webhook = Receiver.start()) {
			long id = create("{\"type\":\"webhook\",\"url\":\"" + webhook.url("/hook") + "\"}");
			// What a replica killed while sending leaves: claimed once, its lease run
			// out.
			this.jdbc.update("""
					insert into notification_outbox (channel_id, alert_id, payload, attempts, next_attempt_at)
					values (?, 'alert-orphan', ?::jsonb, 1, now() - interval '1 second')""", id,
					this.json.writeValueAsString(firing("alert-orphan")));
			awaitState(id, "delivered");
			assertThat(webhook.requests()).hasSize(1);
		}
	}

	@Test
	void concurrentClaimsNeverShareAMessage() throws Exception {
		try (Receiver webhook = Receiver.start()) {
			long id = create("{\"type\":\"webhook\",\"url\":\"" + webhook.url("/hook") + "\"}");
			this.transactions.executeWithoutResult((status) -> {
				for (int i = 0; i < 200; i++) {
					this.notifications.enqueue(firing("alert-many-" + i), List.of(id));
				}
			});
			Set<Long> claimed = ConcurrentHashMap.newKeySet();
			List<Long> duplicates = new ArrayList<>();
			ExecutorService replicas = Executors.newFixedThreadPool(4);
			try {
				List<Future<?>> runs = new ArrayList<>();
				for (int replica = 0; replica < 4; replica++) {
					runs.add(replicas.submit(() -> {
						List<Outbox.Claimed> batch;
						do {
							batch = this.outbox.claim(7, Duration.ofHours(1));
							batch.forEach((message) -> {
								if (!claimed.add(message.id())) {
									synchronized (duplicates) {
										duplicates.add(message.id());
									}
								}
							});
						}
						while (!batch.isEmpty());
					}));
				}
				for (Future<?> run : runs) {
					run.get();
				}
			}
			finally {
				replicas.shutdown();
			}
			assertThat(duplicates).isEmpty();
			// What the test's claims did not take, the service's own worker sent, once
			// each.
			int sentByWorker = 200 - claimed.size();
			List<Receiver.Request> sent = webhook.await(sentByWorker);
			assertThat(sent.stream().map((request) -> request.header("X-Panopticon-Delivery-Id")).distinct())
				.hasSize(sentByWorker);
			assertThat(this.jdbc.queryForObject(
					"select count(*) from notification_outbox where channel_id = ? and id = any(?) and attempts = 1"
							+ " and state = 'pending'",
					Long.class, id, claimed.toArray(Long[]::new)))
				.isEqualTo(claimed.size());
		}
	}

	@Test
	void theTestEndpointSendsAMessageAndRecordsIt() {
		try (Receiver teams = Receiver.start()) {
			long id = create("{\"type\":\"teams\",\"url\":\"" + teams.url("/workflows/abc") + "\"}");
			Response test = client().send("POST", "/api/channels/" + id + "/test", TestTokens.token("reporter"), null);
			assertThat(test.status()).as(test.body()).isEqualTo(200);
			assertThat(test.json().path("outcome").asString()).isEqualTo("delivered");
			assertThat(teams.requests()).hasSize(1);
			assertThat(test.json().path("deliveryId").asString())
				.isEqualTo(teams.requests().get(0).header("X-Panopticon-Delivery-Id"));
			JsonNode deliveries = client().get("/api/channels/" + id + "/deliveries", TestTokens.token("viewer"))
				.json();
			assertThat(deliveries.at("/items/0/outcome").asString()).isEqualTo("delivered");
		}
	}

	@Test
	void channelsAreCheckedMaskedGuardedAndAudited() {
		String reporter = TestTokens.token("reporter");
		assertInvalid("{\"name\":\"x\",\"url\":\"https://example.test/hook\"}", "type");
		assertInvalid("{\"type\":\"pager\",\"url\":\"https://example.test/hook\"}", "type");
		assertInvalid("{\"type\":\"slack\"}", "url");
		assertInvalid("{\"type\":\"slack\",\"url\":\"ftp://example.test/hook\"}", "url");
		assertInvalid("{\"type\":\"slack\",\"url\":\"not a url\"}", "url");
		assertInvalid("{\"type\":\"email\",\"recipients\":[]}", "recipients");
		assertInvalid("{\"type\":\"email\",\"recipients\":[\"not-an-address\"]}", "recipients");
		assertInvalid("{\"type\":\"email\",\"recipients\":[\"a@example.test\"],\"url\":\"https://x.test\"}", "url");
		assertInvalid("{\"type\":\"webhook\",\"url\":\"https://example.test/hook\",\"secret\":\"short\"}", "secret");
		assertInvalid("{\"type\":\"slack\",\"url\":\"https://example.test/hook\",\"name\":\"" + "n".repeat(129) + "\"}",
				"name");

		String secretUrl = "https://hooks.slack.com/services/T000/B000/very-secret-token";
		Response created = client().send("POST", "/api/webhooks", reporter, "{\"url\":\"" + secretUrl + "\"}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		long id = created.json().path("id").asLong();
		assertThat(created.json().path("type").asString()).isEqualTo("slack");
		assertThat(created.body()).doesNotContain("very-secret-token");
		Response read = client().get("/api/channels/" + id, TestTokens.token("viewer"));
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json().path("url").asString()).startsWith("https://hooks.slack.com/…").endsWith("oken");
		assertThat(read.body()).doesNotContain("very-secret-token");
		byte[] stored = this.jdbc.queryForObject("select secrets_enc from channels where id = ?", byte[].class, id);
		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("very-secret-token");

		Response webhook = client().send("POST", "/api/webhooks", reporter, "{\"url\":\"https://example.test/h\"}");
		assertThat(webhook.status()).isEqualTo(201);
		String generated = webhook.json().path("signingSecret").asString();
		assertThat(generated).startsWith("whsec_").hasSizeGreaterThan(32);
		Response list = client().get("/api/channels?limit=1000", TestTokens.token("viewer"));
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.body()).doesNotContain(generated).doesNotContain("very-secret-token");

		Response renamed = client().send("PUT", "/api/channels/" + id, reporter, "{\"name\":\"renamed\"}");
		assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
		assertThat(renamed.json().path("name").asString()).isEqualTo("renamed");
		assertThat(renamed.json().path("url").asString()).endsWith("oken");
		Response retyped = client().send("PUT", "/api/channels/" + id, reporter, "{\"type\":\"discord\"}");
		assertThat(retyped.status()).isEqualTo(400);

		assertThat(client()
			.send("POST", "/api/channels", TestTokens.token("viewer"),
					"{\"type\":\"slack\",\"url\":\"https://example.test/hook\"}")
			.status()).isEqualTo(403);
		assertThat(client().send("DELETE", "/api/channels/" + id, reporter, null).status()).isEqualTo(403);
		assertThat(client().send("DELETE", "/api/channels/" + id, TestTokens.token("admin"), null).status())
			.isEqualTo(204);
		assertThat(client().get("/api/channels/" + id, TestTokens.token("viewer")).status()).isEqualTo(404);

		List<String> actions = this.jdbc.queryForList(
				"select action || ':' || outcome from audit_log where target like ? order by id", String.class,
				"channel:" + id + " %");
		assertThat(actions).containsExactly("channel.create:success", "channel.update:success",
				"channel.delete:success");
		assertThat(this.jdbc.queryForObject(
				"select count(*) from audit_log where action = 'channel.delete' and outcome = 'failure' and target = ?",
				Long.class, "channel:" + id))
			.isEqualTo(1);
	}

	@Test
	void channelsCreatedInlineByOtherPartsOfTheServiceAreCheckedTheSameWay() {
		Caller caller = new Caller("test-reporter", Role.REPORTER, "127.0.0.1");
		assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> this.channels.create(
				new ChannelRequest("pager", null, "https://example.test/h", null, null, null), false, caller,
				"webhooks[1]."))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("webhooks[1].type"));
		Channels.Created created = this.channels
			.create(new ChannelRequest(null, null, "https://example.test/inline", null, null, null), true, caller, "");
		assertThat(created.channel().type()).isEqualTo("webhook");
		assertThat(created.generatedSigningSecret()).startsWith("whsec_");
		assertThat(this.channels.find(created.channel().id())).isPresent();
		assertThat(this.jdbc.queryForObject(
				"select count(*) from audit_log where action = 'channel.create' and target = ?", Long.class,
				"channel:" + created.channel().id() + " (" + created.channel().name() + ")"))
			.isEqualTo(1);
	}

	private void checkSlack(JsonNode message) {
		assertThat(message.path("text").asString()).contains("FIRING").contains("checkout availability");
		JsonNode attachment = message.at("/attachments/0");
		assertThat(attachment.path("color").asString()).isEqualTo("#D32F2F");
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
		assertThat(all).contains("checkout").contains("SLO").contains("14.4× over 1h").contains("critical");
		JsonNode button = blocks.get(2).at("/elements/0");
		assertThat(button.path("type").asString()).isEqualTo("button");
		assertThat(button.at("/text/text").asString()).hasSizeLessThanOrEqualTo(75);
		assertThat(button.path("url").asString()).isEqualTo(LINK).hasSizeLessThanOrEqualTo(3000);
	}

	private void checkDiscord(JsonNode message) {
		JsonNode embeds = message.path("embeds");
		assertThat(embeds.size()).isBetween(1, 10);
		JsonNode embed = embeds.get(0);
		assertThat(embed.path("title").asString()).contains("checkout availability").hasSizeLessThanOrEqualTo(256);
		assertThat(embed.path("description").asString("")).hasSizeLessThanOrEqualTo(4096);
		assertThat(embed.path("color").isInt()).isTrue();
		assertThat(embed.path("color").asInt()).isEqualTo(0xD32F2F);
		assertThat(embed.path("url").asString()).isEqualTo(LINK);
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
		assertThat(all).contains("Service=checkout").contains("Burn rate=14.4× over 1h");
		assertThat(message.at("/allowed_mentions/parse").size()).isZero();
	}

	private void checkTeams(JsonNode message) {
		assertThat(message.path("type").asString()).isEqualTo("message");
		assertThat(message.has("@type")).as("not a connector MessageCard").isFalse();
		JsonNode attachment = message.at("/attachments/0");
		assertThat(attachment.path("contentType").asString()).isEqualTo("application/vnd.microsoft.card.adaptive");
		JsonNode card = attachment.path("content");
		assertThat(card.path("type").asString()).isEqualTo("AdaptiveCard");
		assertThat(Double.parseDouble(card.path("version").asString())).isBetween(1.0, 1.5);
		assertThat(card.path("body").size()).isGreaterThan(0);
		assertThat(card.at("/body/0/text").asString()).contains("checkout availability");
		assertThat(card.at("/actions/0/type").asString()).isEqualTo("Action.OpenUrl");
		assertThat(card.at("/actions/0/url").asString()).isEqualTo(LINK);
		assertThat(message.toString().getBytes(StandardCharsets.UTF_8).length).isLessThan(28 * 1024);
	}

	private void checkWebhook(Receiver.Request request) throws Exception {
		JsonNode body = this.json.readTree(request.body());
		assertThat(request.header("Content-Type")).startsWith("application/json");
		assertThat(body.path("serviceName").asString()).isEqualTo("checkout");
		assertThat(body.path("environment").asString()).isEqualTo("production");
		assertThat(body.path("sloId").asLong()).isEqualTo(7);
		assertThat(body.path("ruleId").isNull()).isTrue();
		assertThat(body.path("name").asString()).isEqualTo("checkout availability");
		assertThat(body.path("state").asString()).isEqualTo("firing");
		assertThat(body.path("severity").asString()).isEqualTo("critical");
		assertThat(body.path("burnRate").asDouble()).isEqualTo(14.4);
		assertThat(body.path("window").asString()).isEqualTo("1h");
		assertThat(body.path("startsAt").asString()).isEqualTo("2026-12-07T10:00:00Z");
		assertThat(body.path("link").asString()).isEqualTo(LINK);
		String deliveryId = request.header("X-Panopticon-Delivery-Id");
		assertThat(body.path("deliveryId").asString()).isEqualTo(deliveryId);
		String timestamp = request.header("X-Panopticon-Timestamp");
		assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp))).isLessThan(300);
		// Verified as docs/alerting.md tells receivers to.
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(SIGNING_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
		String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(request.body()));
		assertThat(request.header("X-Panopticon-Signature")).isEqualTo(expected);
	}

	private void checkEmail(MimeMessage message) throws Exception {
		assertThat(message.getSubject()).contains("[FIRING] critical: checkout availability");
		assertThat(message.getAllRecipients()[0].toString()).isEqualTo("oncall@example.test");
		assertThat(message.getFrom()[0].toString()).isEqualTo("alerts@panopticon.test");
		assertThat(message.getHeader("X-Panopticon-Delivery-Id")).hasSize(1);
		List<String> types = new ArrayList<>();
		StringBuilder text = new StringBuilder();
		collect(message.getContent(), types, text);
		assertThat(types).anyMatch((type) -> type.startsWith("text/plain"))
			.anyMatch((type) -> type.startsWith("text/html"));
		assertThat(text).contains("checkout").contains("14.4× over 1h").contains(LINK);
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

	static AlertNotification firing(String alertId) {
		return new AlertNotification(alertId, "slo:7", "checkout availability", AlertNotification.FIRING, "critical",
				"checkout", "production", 7L, null, 14.4, null, "1h", Instant.parse("2026-12-07T10:00:00Z"), null, LINK,
				Map.of("team", "payments"));
	}

	private long create(String body) {
		Response created = client().send("POST", "/api/channels", TestTokens.token("reporter"), body);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.json().path("id").isNumber()).isTrue();
		return created.json().path("id").asLong();
	}

	private void assertInvalid(String body, String field) {
		Response response = client().send("POST", "/api/channels", TestTokens.token("reporter"), body);
		assertThat(response.status()).as(body + " -> " + response.body()).isEqualTo(400);
		assertThat(response.json().at("/invalid-params/0/name").asString()).as(response.body()).isEqualTo(field);
	}

	/**
	 * Waits until every message of the channel reached the state; fails after a minute.
	 */
	private void awaitState(long channelId, String state) {
		long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
		while (true) {
			Long open = this.jdbc.queryForObject(
					"select count(*) from notification_outbox where channel_id = ? and state <> ?", Long.class,
					channelId, state);
			Long all = this.jdbc.queryForObject("select count(*) from notification_outbox where channel_id = ?",
					Long.class, channelId);
			if (open == 0 && all > 0) {
				return;
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("channel " + channelId + " has " + open + " messages not " + state);
			}
			Receiver.pause();
		}
	}

	private JsonNode json(Receiver.Request request) {
		return this.json.readTree(request.body());
	}

	private ServiceClient client() {
		return new ServiceClient(this.port);
	}

}
