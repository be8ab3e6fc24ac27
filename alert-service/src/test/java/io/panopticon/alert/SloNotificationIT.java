package io.panopticon.alert;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.panopticon.alert.notify.AlertNotification;
import io.panopticon.alert.notify.ChannelsContext;
import io.panopticon.alert.notify.MessageShapes;
import io.panopticon.alert.notify.MessageShapes.Expected;
import io.panopticon.alert.notify.Receiver;
import io.panopticon.alert.notify.Receiver.Answer;
import io.panopticon.alert.slo.TelemetryWriter;
import io.panopticon.storage.StorageClient;
import io.panopticon.testing.ServiceClient.Response;
import io.panopticon.testing.TestTokens;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static io.panopticon.alert.slo.TelemetryWriter.FAST_MICROS;
import static io.panopticon.alert.slo.TelemetryWriter.MINUTE;
import static io.panopticon.alert.slo.TelemetryWriter.floorMinute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * From spans to messages with nothing faked: a service's spans go bad in closed minutes
 * in Elasticsearch, the service's own schedule (every second here) evaluates its SLO and
 * fires the page, and the outbox in PostgreSQL delivers it to loopback stand-ins for
 * Slack, Discord, Teams and two webhook receivers and to an SMTP server on loopback;
 * healthy traffic then resolves the alert. Each message is checked against its product's
 * documented fields and limits by {@link MessageShapes}.
 */
class SloNotificationIT extends ChannelsContext {

	static final String SECRET = "an-slo-webhook-signing-secret-0123456789";

	/** The SRE workbook's page conditions alone, so that every message is the page's. */
	static final String PAGE = """
			[{"severity": "critical", "factor": 14.4, "longWindow": "1h", "shortWindow": "5m"},
			 {"severity": "critical", "factor": 6, "longWindow": "6h", "shortWindow": "30m"}]""";

	@Autowired
	StorageClient storage;

	@Test
	void aBurningServicePagesEveryChannelOnceAndItsRecoveryResolvesOnce() throws Exception {
		String service = "e2e-" + ThreadLocalRandom.current().nextInt(1_000_000_000);
		String recipient = "oncall-" + service + "@example.test";
		TelemetryWriter telemetry = new TelemetryWriter(this.storage);
		try (Receiver slack = Receiver.start();
				Receiver discord = Receiver.start();
				Receiver teams = Receiver.start();
				Receiver webhook = Receiver.start();
				Receiver flaky = Receiver.start(Answer.status(500), Answer.status(500), Answer.status(500))) {
			long teamsId = create("{\"type\": \"teams\", \"url\": \"" + teams.url("/workflows/abc") + "\"}");
			long emailId = create("{\"type\": \"email\", \"recipients\": [\"" + recipient + "\"]}");
			// Two closed minutes in which half of the requests fail: 50 times the budget
			// of
			// a 99 % objective, over every window.
			long minute = floorMinute(Instant.now());
			telemetry.spans(service, minute - 3 * MINUTE, 20, 10, FAST_MICROS);
			telemetry.spans(service, minute - 2 * MINUTE, 20, 10, FAST_MICROS);
			telemetry.flush();

			// Seed 000's simple form, with channels by id and inline.
			Response created = client().send("POST", "/api/slo", TestTokens.token("reporter"), """
					{"name": "%s availability", "serviceName": "%s", "metricType": "error_rate", "threshold": 1,
					 "burnRateAlerts": %s,
					 "webhooks": [{"type": "slack", "url": "%s"}, {"type": "discord", "url": "%s"}, %d, "%d",
					              {"type": "webhook", "url": "%s", "secret": "%s"},
					              {"type": "webhook", "name": "flaky", "url": "%s", "secret": "%s"}]}""".formatted(
					service, service, PAGE, slack.url("/services/T0/B0/x"), discord.url("/api/webhooks/1/t"), teamsId,
					emailId, webhook.url("/hook"), SECRET, flaky.url("/hook"), SECRET));
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			long sloId = created.json().path("id").asLong();
			List<Long> channels = created.json().path("channels").valueStream().map(JsonNode::asLong).toList();
			assertThat(channels).hasSize(6).contains(teamsId, emailId);

			// The page fires and every channel gets it; the flaky receiver on its fourth
			// try.
			List<Receiver.Request> firing = flaky.await(4);
			slack.await(1);
			discord.await(1);
			teams.await(1);
			webhook.await(1);
			awaitMail(recipient, 1);
			long alertId = this.jdbc.queryForObject("select id from alerts where fingerprint = ?", Long.class,
					"slo:" + sloId + "/severity=critical");
			String link = "http://localhost:3000/alerts/" + alertId;
			String name = service + " availability";
			Expected fired = new Expected(name, service, "50× over 1h", "critical", AlertNotification.FIRING, link);
			MessageShapes.slack(json(slack.requests().get(0)), fired);
			MessageShapes.discord(json(discord.requests().get(0)), fired);
			MessageShapes.teams(json(teams.requests().get(0)), fired);
			JsonNode hook = json(webhook.requests().get(0));
			MessageShapes.webhook(webhook.requests().get(0), hook, fired, SECRET);
			assertThat(hook.path("sloId").asLong()).isEqualTo(sloId);
			assertThat(hook.path("burnRate").asDouble()).isCloseTo(50, within(1e-6));
			MessageShapes.email(mailFor(recipient).get(0), fired, recipient);
			// Three failures and a success: one message, one delivery id, signed each
			// time.
			assertThat(firing).extracting((request) -> request.header("X-Panopticon-Delivery-Id"))
				.hasSize(4)
				.containsOnly(firing.get(0).header("X-Panopticon-Delivery-Id"));
			for (Receiver.Request attempt : firing) {
				MessageShapes.webhook(attempt, json(attempt), fired, SECRET);
			}

			// The condition still holds at later evaluations: nothing more is sent.
			awaitTwoEvaluations(sloId);
			channels.forEach((channel) -> awaitState(channel, "delivered"));
			assertThat(List.of(slack, discord, teams, webhook)).allSatisfy((r) -> assertThat(r.requests()).hasSize(1));
			assertThat(flaky.requests()).hasSize(4);
			assertThat(mailFor(recipient)).hasSize(1);

			// Recovery: healthy traffic brings the error rate under the factors' lines.
			telemetry.spans(service, floorMinute(Instant.now()) - MINUTE, 400, 0, FAST_MICROS);
			telemetry.flush();
			slack.await(2);
			discord.await(2);
			teams.await(2);
			webhook.await(2);
			flaky.await(5);
			awaitMail(recipient, 2);
			Expected resolved = new Expected(name, service, "50× over 1h", "critical", AlertNotification.RESOLVED,
					link);
			MessageShapes.slack(json(slack.requests().get(1)), resolved);
			MessageShapes.discord(json(discord.requests().get(1)), resolved);
			MessageShapes.teams(json(teams.requests().get(1)), resolved);
			JsonNode resolve = json(webhook.requests().get(1));
			MessageShapes.webhook(webhook.requests().get(1), resolve, resolved, SECRET);
			assertThat(resolve.path("endsAt").asString()).isNotEmpty();
			assertThat(resolve.path("deliveryId").asString()).isNotEqualTo(hook.path("deliveryId").asString());
			MessageShapes.webhook(flaky.requests().get(4), json(flaky.requests().get(4)), resolved, SECRET);
			MimeMessage mail = mailFor(recipient).get(1);
			MessageShapes.email(mail, resolved, recipient);

			// Once only.
			awaitTwoEvaluations(sloId);
			channels.forEach((channel) -> awaitState(channel, "delivered"));
			assertThat(List.of(slack, discord, teams, webhook)).allSatisfy((r) -> assertThat(r.requests()).hasSize(2));
			assertThat(flaky.requests()).hasSize(5);
			assertThat(mailFor(recipient)).hasSize(2);
			JsonNode history = client().get("/api/alerts/history?slo=" + sloId, TestTokens.token("viewer"))
				.json()
				.path("items");
			assertThat(history.size()).isEqualTo(1);
			assertThat(history.at("/0/state").asString()).isEqualTo("resolved");
			assertThat(history.at("/0/notifications").asInt()).isEqualTo(2);
		}
	}

	/**
	 * Waits until the SLO has been claimed for evaluation twice more, so that at least
	 * one evaluation that started after this call has finished; fails after a minute.
	 */
	private void awaitTwoEvaluations(long sloId) {
		long deadline = System.nanoTime() + 60_000_000_000L;
		Instant last = nextEvaluation(sloId);
		int claims = 0;
		while (claims < 2) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("SLO " + sloId + " was not evaluated again");
			}
			Receiver.pause();
			Instant next = nextEvaluation(sloId);
			if (!next.equals(last)) {
				claims++;
				last = next;
			}
		}
	}

	private Instant nextEvaluation(long sloId) {
		return this.jdbc
			.queryForObject("select next_evaluation_at from slos where id = ?", java.sql.Timestamp.class, sloId)
			.toInstant();
	}

	private JsonNode json(Receiver.Request request) {
		return this.json.readTree(request.body());
	}

}
