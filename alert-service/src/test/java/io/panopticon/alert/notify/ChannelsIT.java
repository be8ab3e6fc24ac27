package io.panopticon.alert.notify;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.panopticon.alert.notify.Receiver.Answer;
import io.panopticon.alert.web.Caller;
import io.panopticon.common.security.Role;
import io.panopticon.common.web.InvalidParameterException;
import io.panopticon.testing.ServiceClient.Response;
import io.panopticon.testing.TestTokens;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Notification channels against real PostgreSQL: loopback HTTP servers stand in for
 * Slack, Discord, Teams and a webhook receiver, and GreenMail for an SMTP server. Each
 * message is checked against the product's documented fields and limits by
 * {@link MessageShapes}.
 */
class ChannelsIT extends ChannelsContext {

	static final String SIGNING_SECRET = "a-webhook-signing-secret-0123456789";

	static final String LINK = "http://127.0.0.1:3000/slo/7";

	static final MessageShapes.Expected EXPECTED = new MessageShapes.Expected("checkout availability", "checkout",
			"14.4× over 1h", "critical", AlertNotification.FIRING, LINK);

	@Autowired
	Notifications notifications;

	@Autowired
	Outbox outbox;

	@Autowired
	Channels channels;

	@Autowired
	TransactionTemplate transactions;

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

			MessageShapes.slack(json(slack.await(1).get(0)), EXPECTED);
			MessageShapes.discord(json(discord.await(1).get(0)), EXPECTED);
			MessageShapes.teams(json(teams.await(1).get(0)), EXPECTED);
			Receiver.Request hook = webhook.await(1).get(0);
			checkWebhook(hook);
			MessageShapes.email(awaitMail("oncall@example.test", 1).get(0), EXPECTED, "oncall@example.test");

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

	private void checkWebhook(Receiver.Request request) throws Exception {
		JsonNode body = this.json.readTree(request.body());
		MessageShapes.webhook(request, body, EXPECTED, SIGNING_SECRET);
		assertThat(body.path("environment").asString()).isEqualTo("production");
		assertThat(body.path("sloId").asLong()).isEqualTo(7);
		assertThat(body.path("burnRate").asDouble()).isEqualTo(14.4);
		assertThat(body.path("window").asString()).isEqualTo("1h");
		assertThat(body.path("startsAt").asString()).isEqualTo("2026-12-07T10:00:00Z");
	}

	static AlertNotification firing(String alertId) {
		return new AlertNotification(alertId, "slo:7", "checkout availability", AlertNotification.FIRING, "critical",
				"checkout", "production", 7L, null, 14.4, null, "1h", Instant.parse("2026-12-07T10:00:00Z"), null, LINK,
				Map.of("team", "payments"));
	}

	private void assertInvalid(String body, String field) {
		Response response = client().send("POST", "/api/channels", TestTokens.token("reporter"), body);
		assertThat(response.status()).as(body + " -> " + response.body()).isEqualTo(400);
		assertThat(response.json().at("/invalid-params/0/name").asString()).as(response.body()).isEqualTo(field);
	}

	private JsonNode json(Receiver.Request request) {
		return this.json.readTree(request.body());
	}

}
