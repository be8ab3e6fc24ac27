package io.panopticon.alert.slo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.panopticon.alert.AlertTestServers;
import io.panopticon.alert.alerting.Alert;
import io.panopticon.alert.alerting.AlertLifecycle;
import io.panopticon.alert.alerting.AlertStore;
import io.panopticon.alert.alerting.EvaluationProperties;
import io.panopticon.alert.notify.AlertNotification;
import io.panopticon.alert.notify.Notifications;
import io.panopticon.storage.StorageClient;
import io.panopticon.testing.RealServers;
import io.panopticon.testing.ServiceClient;
import io.panopticon.testing.ServiceClient.Response;
import io.panopticon.testing.TestServers;
import io.panopticon.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.panopticon.alert.slo.TelemetryWriter.FAST_MICROS;
import static io.panopticon.alert.slo.TelemetryWriter.MINUTE;
import static io.panopticon.alert.slo.TelemetryWriter.SLOW_MICROS;
import static io.panopticon.alert.slo.TelemetryWriter.floorMinute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * SLOs end to end against real PostgreSQL and Elasticsearch: spans and minute rollups are
 * written backdated into closed minutes (with the aggregator's markers), the newest
 * minute as raw spans only, and the evaluator is run by hand at chosen times of a clock
 * the test moves, so a scenario of an hour takes seconds. Notifications are recorded by a
 * stand-in for the channels module, the one seam faked here: delivery is that module's
 * job.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealServers
class SloAlertingIT {

	private static final AtomicInteger names = new AtomicInteger();

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		AlertTestServers.register(registry, "slo-admin");
		// The tests run the evaluator themselves, at the clock's times.
		registry.add("panopticon.alert.evaluation.enabled", () -> "false");
		registry.add("panopticon.alert.evaluation.interval", () -> "15s");
	}

	@LocalServerPort
	int port;

	@Autowired
	StorageClient storage;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	SloEvaluator evaluator;

	@Autowired
	SloStore slos;

	@Autowired
	SloFigures figures;

	@Autowired
	AlertLifecycle lifecycle;

	@Autowired
	AlertStore alerts;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	EvaluationProperties properties;

	@Autowired
	MovableClock clock;

	@Autowired
	RecordingNotifications notifications;

	private TelemetryWriter telemetry;

	private final ServiceClient client() {
		return new ServiceClient(this.port);
	}

	@BeforeEach
	void templatesAndAFreshStretchOfTime() {
		this.telemetry = new TelemetryWriter(this.storage);
		// Markers are global: each test writes its minutes where no other test wrote any.
		this.clock.advance(Duration.ofHours(3));
	}

	@Test
	void aPageFiresAtTheFirstEvaluationRepeatsAfterTheRepeatIntervalAndResolvesOnce() {
		String service = service();
		Instant now = this.clock.instant();
		long minute = floorMinute(now);
		// An hour of good minutes, then nine bad ones (half the requests fail), all
		// rolled
		// up; the last closed minute and the current one are raw spans only, also bad.
		for (long m = minute - 60 * MINUTE; m < minute - 10 * MINUTE; m += MINUTE) {
			this.telemetry.rollup(service, m, 100, 0, 100, 0);
		}
		for (long m = minute - 10 * MINUTE; m < minute - MINUTE; m += MINUTE) {
			this.telemetry.rollup(service, m, 100, 50, 100, 0);
		}
		this.telemetry.markers(minute - 60 * MINUTE, minute - MINUTE);
		this.telemetry.spans(service, minute - MINUTE, 20, 10, FAST_MICROS);
		this.telemetry.spans(service, minute, 10, 5, FAST_MICROS);
		this.telemetry.flush();

		long first = channel();
		long second = channel();
		long sloId = createSlo("""
				{"serviceName": "%s", "metricType": "error_rate", "threshold": 0.1, "webhooks": [%d, "%d"]}"""
			.formatted(service, first, second));
		assertThat(this.evaluator.evaluateDue()).isGreaterThanOrEqualTo(1);

		String page = "slo:" + sloId + "/severity=critical";
		List<Recorded> sent = this.notifications.of(page);
		assertThat(sent).hasSize(1);
		AlertNotification fired = sent.get(0).notification();
		assertThat(fired.state()).isEqualTo(AlertNotification.FIRING);
		assertThat(fired.severity()).isEqualTo("critical");
		assertThat(fired.serviceName()).isEqualTo(service);
		assertThat(fired.sloId()).isEqualTo(sloId);
		assertThat(fired.ruleId()).isNull();
		assertThat(fired.burnRate()).isGreaterThan(14.4);
		assertThat(fired.window()).isEqualTo("1h");
		assertThat(fired.startsAt()).isEqualTo(now);
		assertThat(fired.link()).endsWith("/alerts/" + fired.alertId());
		assertThat(sent.get(0).channels()).containsExactly(first, second);

		JsonNode active = client().get("/api/alerts", TestTokens.token("viewer")).json().path("items");
		JsonNode alert = find(active, "fingerprint", page);
		assertThat(alert.path("id").asString()).isEqualTo(fired.alertId());
		assertThat(alert.path("sloId").asLong()).isEqualTo(sloId);
		assertThat(alert.path("serviceName").asString()).isEqualTo(service);
		assertThat(alert.path("state").asString()).isEqualTo("firing");
		assertThat(alert.path("severity").asString()).isEqualTo("critical");
		assertThat(alert.path("labels").path("severity").asString()).isEqualTo("critical");
		assertThat(alert.path("startsAt").isMissingNode()).isFalse();

		// Still burning 20 s later: no new message within the repeat interval...
		this.clock.advance(Duration.ofSeconds(20));
		assertThat(this.evaluator.evaluateDue()).isGreaterThanOrEqualTo(1);
		assertThat(this.notifications.of(page)).hasSize(1);
		// ...and one more once it has passed.
		this.jdbc.update("update alerts set last_notified_at = last_notified_at - interval '5 hours' "
				+ "where fingerprint = ? and state = 'firing'", page);
		this.clock.advance(Duration.ofSeconds(20));
		this.evaluator.evaluateDue();
		assertThat(this.notifications.of(page)).hasSize(2);
		assertThat(this.notifications.of(page).get(1).notification().alertId()).isEqualTo(fired.alertId());

		// Recovery: forty good minutes. The page's 30 m window is clean, the ticket's 2 h
		// window is not.
		long later = minute + 40 * MINUTE;
		for (long m = minute + MINUTE; m < later - MINUTE; m += MINUTE) {
			this.telemetry.rollup(service, m, 100, 0, 100, 0);
		}
		this.telemetry.markers(minute + MINUTE, later - MINUTE);
		this.telemetry.spans(service, later - MINUTE, 20, 0, FAST_MICROS);
		this.telemetry.flush();
		this.clock.set(Instant.ofEpochMilli(later + 30_000));
		this.evaluator.evaluateDue();
		List<Recorded> all = this.notifications.of(page);
		assertThat(all).hasSize(3);
		AlertNotification resolved = all.get(2).notification();
		assertThat(resolved.state()).isEqualTo(AlertNotification.RESOLVED);
		assertThat(resolved.alertId()).isEqualTo(fired.alertId());
		assertThat(resolved.endsAt()).isEqualTo(this.clock.instant());
		// Once only.
		this.clock.advance(Duration.ofSeconds(20));
		this.evaluator.evaluateDue();
		assertThat(this.notifications.of(page)).hasSize(3);
		assertThat(this.notifications.of("slo:" + sloId + "/severity=warning")).hasSize(1);

		Response history = client().get("/api/alerts/history?slo=" + sloId + "&severity=critical",
				TestTokens.token("viewer"));
		assertThat(history.status()).as(history.body()).isEqualTo(200);
		JsonNode item = history.json().path("items").path(0);
		assertThat(item.path("state").asString()).isEqualTo("resolved");
		assertThat(item.path("notifications").asInt()).isEqualTo(3);
		assertThat(history.json().path("items").size()).isEqualTo(1);
		JsonNode stillActive = client().get("/api/alerts", TestTokens.token("viewer")).json().path("items");
		assertThat(stillActive.findValuesAsString("fingerprint")).doesNotContain(page)
			.contains("slo:" + sloId + "/severity=warning");
	}

	@Test
	void twoReplicasRaiseOneAlertAndOneNotification() throws Exception {
		String service = service();
		long minute = floorMinute(this.clock.instant());
		for (long m = minute - 30 * MINUTE; m < minute; m += MINUTE) {
			this.telemetry.rollup(service, m, 100, 40, 100, 0);
		}
		this.telemetry.markers(minute - 30 * MINUTE, minute);
		this.telemetry.flush();
		long sloId = createSlo("""
				{"serviceName": "%s", "indicator": "error_rate", "objective": 99.9, "channels": [%d]}"""
			.formatted(service, channel()));
		SloEvaluator other = new SloEvaluator(this.slos, this.figures, this.lifecycle, this.alerts,
				new TransactionTemplate(this.transactions), this.properties, this.clock);
		List<Integer> evaluated = race(this.evaluator::evaluateDue, other::evaluateDue);
		assertThat(evaluated.stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(1);
		String page = "slo:" + sloId + "/severity=critical";
		assertThat(this.notifications.of(page)).hasSize(1);
		assertThat(this.jdbc.queryForObject("select count(*) from alerts where fingerprint = ?", Integer.class, page))
			.isEqualTo(1);

		// Without the claim (two replicas that both evaluated the same SLO), the alert
		// store still lets one of them start the alert and notify.
		String racing = "slo:" + sloId + "/race";
		Alert alert = new Alert(0, racing, "race", service, null, sloId, null, Map.of(), Alert.FIRING, "critical", null,
				null, 20.0, null, "1h", null, 0, null, null);
		TransactionTemplate tx = new TransactionTemplate(this.transactions);
		Instant now = this.clock.instant();
		race(() -> {
			tx.executeWithoutResult((status) -> this.lifecycle.holds(alert, List.of(1L), now));
			return 0;
		}, () -> {
			tx.executeWithoutResult((status) -> this.lifecycle.holds(alert, List.of(1L), now));
			return 0;
		});
		assertThat(this.notifications.of(racing)).hasSize(1);
		race(() -> {
			tx.executeWithoutResult((status) -> this.lifecycle.ended(racing, List.of(1L), now));
			return 0;
		}, () -> {
			tx.executeWithoutResult((status) -> this.lifecycle.ended(racing, List.of(1L), now));
			return 0;
		});
		assertThat(this.notifications.of(racing)).hasSize(2);
	}

	@Test
	void statusReadsRollupsAndTheRawMinutesAfterThem() {
		String service = service();
		Instant now = this.clock.instant();
		long minute = floorMinute(now);
		// Ten rolled-up minutes of 100 requests, 90 fast, 2 failed; then a raw minute and
		// the current one with 10 requests each, all fast, none failed.
		for (long m = minute - 12 * MINUTE; m < minute - 2 * MINUTE; m += MINUTE) {
			this.telemetry.rollup(service, m, 100, 2, 90, 10);
		}
		this.telemetry.markers(minute - 12 * MINUTE, minute - 2 * MINUTE);
		this.telemetry.spans(service, minute - 2 * MINUTE, 10, 0, FAST_MICROS);
		this.telemetry.spans(service, minute - MINUTE, 5, 0, SLOW_MICROS);
		this.telemetry.spans(service, minute, 10, 0, FAST_MICROS);
		this.telemetry.flush();

		long errorSlo = createSlo("""
				{"serviceName": "%s", "indicator": "error_rate", "objective": 99, "windowDays": 7}"""
			.formatted(service));
		Response status = client().get("/api/slo/" + errorSlo + "/status", TestTokens.token("viewer"));
		assertThat(status.status()).as(status.body()).isEqualTo(200);
		JsonNode body = status.json();
		assertThat(body.path("goodEvents").asLong()).isEqualTo(1005);
		assertThat(body.path("badEvents").asLong()).isEqualTo(20);
		assertThat(body.path("sli").asDouble()).isCloseTo(100.0 * 1005 / 1025, within(1e-9));
		assertThat(body.path("errorBudget").path("percent").asDouble()).isCloseTo(1.0, within(1e-9));
		assertThat(body.path("budgetRemaining").asDouble()).isCloseTo(100 * (1 - 20 / 10.25), within(1e-9));
		// The 1 h window holds everything: 20 bad of 1025 against a 1 % budget.
		assertThat(body.path("burnRates").path("1h").asDouble()).isCloseTo((20 / 1025.0) / 0.01, within(1e-9));
		assertThat(body.path("burnRates").size()).isEqualTo(7);
		JsonNode series = body.path("budgetRemainingSeries");
		assertThat(series.size()).isBetween(7 * 24, 7 * 24 + 1);
		assertThat(series.path(series.size() - 1).path("budgetRemaining").asDouble())
			.isCloseTo(body.path("budgetRemaining").asDouble(), within(1e-9));

		long latencySlo = createSlo("""
				{"serviceName": "%s", "metricType": "latency", "threshold": 300}""".formatted(service));
		JsonNode latency = client().get("/api/slo/" + latencySlo + "/status", TestTokens.token("viewer")).json();
		// Rolled up: 900 fast of 1000; raw: 20 fast, 5 slow.
		assertThat(latency.path("goodEvents").asLong()).isEqualTo(920);
		assertThat(latency.path("badEvents").asLong()).isEqualTo(105);

		long throughputSlo = createSlo("""
				{"serviceName": "%s", "metricType": "throughput", "threshold": 50, "windowDays": 7}"""
			.formatted(service));
		JsonNode throughput = client().get("/api/slo/" + throughputSlo + "/status", TestTokens.token("viewer")).json();
		// Closed minutes: the ten rolled-up ones had 100 requests; the raw ones (10, 5)
		// and
		// every minute without requests fall short.
		assertThat(throughput.path("goodEvents").asLong()).isEqualTo(10);
		long closedMinutes = (minute - Instant.parse(throughput.path("from").asString()).toEpochMilli()) / MINUTE;
		assertThat(throughput.path("badEvents").asLong()).isEqualTo(closedMinutes - 10);
	}

	@Test
	void slosAreCheckedAuditedAndGuardedByRole() {
		String service = service();
		String reporter = TestTokens.token("reporter");
		long channel = channel();
		String simple = """
				{"serviceName": "%s", "metricType": "latency", "threshold": 250, "webhooks": ["%d"]}"""
			.formatted(service, channel);
		assertThat(client().send("POST", "/api/slo", TestTokens.token("viewer"), simple).status()).isEqualTo(403);
		Response created = client().send("POST", "/api/slo", reporter, simple);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		JsonNode slo = created.json();
		long id = slo.path("id").asLong();
		assertThat(slo.path("indicator").asString()).isEqualTo("latency");
		assertThat(slo.path("threshold").asDouble()).isEqualTo(250);
		assertThat(slo.path("objective").asDouble()).isEqualTo(99);
		assertThat(slo.path("windowDays").asInt()).isEqualTo(28);
		assertThat(slo.path("channels").path(0).asLong()).isEqualTo(channel);
		assertThat(slo.path("burnRateAlerts").size()).isEqualTo(4);

		Response read = client().get("/api/slo/" + id, TestTokens.token("viewer"));
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json().path("serviceName").asString()).isEqualTo(service);
		Response listed = client().get("/api/slo?service=" + service, TestTokens.token("viewer"));
		assertThat(listed.json().path("items").size()).isEqualTo(1);

		Response updated = client().send("PUT", "/api/slo/" + id, reporter, """
				{"name": "Checkout speed", "serviceName": "%s", "indicator": "latency", "threshold": 200,
				 "objective": 99.5, "windowDays": 7, "labels": {"team": "payments"}}""".formatted(service));
		assertThat(updated.status()).as(updated.body()).isEqualTo(200);
		assertThat(updated.json().path("name").asString()).isEqualTo("Checkout speed");
		assertThat(updated.json().path("labels").path("team").asString()).isEqualTo("payments");

		Response bad = client().send("POST", "/api/slo", reporter, """
				{"serviceName": "%s", "metricType": "error_rate", "threshold": 150}""".formatted(service));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().at("/invalid-params/0/name").asString()).isEqualTo("threshold");
		assertThat(client().send("POST", "/api/slo", reporter, "[1]").status()).isEqualTo(400);
		assertThat(client().send("PUT", "/api/slo/999999999", reporter, simple).status()).isEqualTo(404);

		assertThat(client().send("DELETE", "/api/slo/" + id, reporter, null).status()).isEqualTo(403);
		assertThat(client().send("DELETE", "/api/slo/" + id, TestTokens.token("admin"), null).status()).isEqualTo(204);
		assertThat(client().get("/api/slo/" + id, TestTokens.token("viewer")).status()).isEqualTo(404);

		List<String> actions = this.jdbc.queryForList(
				"select action || ':' || outcome from audit_log where target = ? or target like ? order by id",
				String.class, "slo:" + id, "slo:" + id + " (%");
		assertThat(actions).containsExactly("slo.create:success", "slo.update:success", "slo.delete:failure",
				"slo.delete:success");
	}

	@Test
	void alertsAreAcknowledgedAndTheHistoryIsFilteredAndPaged() {
		String service = service();
		long minute = floorMinute(this.clock.instant());
		for (long m = minute - 20 * MINUTE; m < minute; m += MINUTE) {
			this.telemetry.rollup(service, m, 100, 60, 100, 0);
		}
		this.telemetry.markers(minute - 20 * MINUTE, minute);
		this.telemetry.flush();
		long sloId = createSlo("""
				{"serviceName": "%s", "metricType": "error_rate", "threshold": 1, "webhooks": [%d]}"""
			.formatted(service, channel()));
		this.evaluator.evaluateDue();
		Response page = client().get("/api/alerts/history?slo=" + sloId + "&limit=1", TestTokens.token("viewer"));
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		assertThat(page.json().path("items").size()).isEqualTo(1);
		String cursor = page.json().path("nextCursor").asString();
		assertThat(cursor).isNotEmpty();
		Response next = client().get("/api/alerts/history?slo=" + sloId + "&limit=1&cursor=" + cursor,
				TestTokens.token("viewer"));
		assertThat(next.json().path("items").size()).isEqualTo(1);
		assertThat(next.json().path("items").path(0).path("id").asLong())
			.isLessThan(page.json().path("items").path(0).path("id").asLong());
		assertThat(client().get("/api/alerts/history?service=" + service + "&severity=page", TestTokens.token("viewer"))
			.status()).isEqualTo(400);
		assertThat(client().get("/api/alerts/history?cursor=nonsense", TestTokens.token("viewer")).status())
			.isEqualTo(400);

		long alertId = page.json().path("items").path(0).path("id").asLong();
		assertThat(client().send("POST", "/api/alerts/" + alertId + "/ack", TestTokens.token("viewer"), null).status())
			.isEqualTo(403);
		Response ack = client().send("POST", "/api/alerts/" + alertId + "/ack", TestTokens.token("reporter"), null);
		assertThat(ack.status()).as(ack.body()).isEqualTo(200);
		assertThat(ack.json().path("acknowledgedAt").isNull()).isFalse();
		assertThat(client().send("POST", "/api/alerts/999999999/ack", TestTokens.token("reporter"), null).status())
			.isEqualTo(404);
		assertThat(
				this.jdbc.queryForObject("select count(*) from audit_log where action = 'alert.ack' and target like ?",
						Integer.class, "alert:" + alertId + " %"))
			.isEqualTo(1);
	}

	@Test
	void inlineChannelsAreCreatedWithTheSloAndWrongOnesAreNamed() {
		String service = service();
		String reporter = TestTokens.token("reporter");
		long existing = channel();
		String hook = "https://hooks.slack.com/services/T0/B0/" + service;
		Response created = client().send("POST", "/api/slo", reporter,
				"""
						{"serviceName": "%s", "metricType": "error_rate", "threshold": 1,
						 "webhooks": [%d, {"url": "%s"}, {"type": "webhook", "name": "pager", "url": "https://example.test/%s"}]}"""
					.formatted(service, existing, hook, service));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		JsonNode ids = created.json().path("channels");
		assertThat(ids.size()).isEqualTo(3);
		assertThat(ids.path(0).asLong()).isEqualTo(existing);
		// Seed 000's webhooks take the type from the URL when it is left out.
		JsonNode slack = client().get("/api/channels/" + ids.path(1).asLong(), TestTokens.token("viewer")).json();
		assertThat(slack.path("type").asString()).isEqualTo("slack");
		assertThat(slack.toString()).doesNotContain(service);
		JsonNode pager = client().get("/api/channels/" + ids.path(2).asLong(), TestTokens.token("viewer")).json();
		assertThat(pager.path("type").asString()).isEqualTo("webhook");
		assertThat(pager.path("name").asString()).isEqualTo("pager");
		assertThat(this.jdbc.queryForObject(
				"select count(*) from audit_log where action = 'channel.create' and target in (?, ?)", Long.class,
				"channel:" + ids.path(1).asLong() + " (" + slack.path("name").asString() + ")",
				"channel:" + ids.path(2).asLong() + " (pager)"))
			.isEqualTo(2);

		assertInvalid("""
				{"serviceName": "%s", "metricType": "error_rate", "threshold": 1,
				 "webhooks": [%d, {"type": "slack", "url": "ftp://example.test/x"}]}""".formatted(service, existing),
				"webhooks[1].url");
		assertInvalid("""
				{"serviceName": "%s", "indicator": "error_rate", "objective": 99,
				 "channels": [{"type": "pager", "url": "https://example.test/x"}]}""".formatted(service),
				"channels[0].type");
		assertInvalid("""
				{"serviceName": "%s", "metricType": "error_rate", "threshold": 1,
				 "webhooks": [{"url": "https://example.test/x", "colour": "red"}]}""".formatted(service),
				"webhooks[0].colour");
		// An unknown id refuses the SLO, and the inline channel before it is not kept.
		Long channels = this.jdbc.queryForObject("select count(*) from channels", Long.class);
		assertInvalid("""
				{"serviceName": "%s", "metricType": "error_rate", "threshold": 1,
				 "webhooks": [{"url": "https://example.test/orphan"}, 999999999]}""".formatted(service), "webhooks[1]");
		assertThat(this.jdbc.queryForObject("select count(*) from channels", Long.class)).isEqualTo(channels);
		long sloId = created.json().path("id").asLong();
		Response update = client().send("PUT", "/api/slo/" + sloId, reporter, """
				{"serviceName": "%s", "metricType": "error_rate", "threshold": 1, "webhooks": [%d, 999999999]}"""
			.formatted(service, existing));
		assertThat(update.status()).isEqualTo(400);
		assertThat(update.json().at("/invalid-params/0/name").asString()).isEqualTo("webhooks[1]");
		assertThat(this.slos.find(sloId).orElseThrow().channels()).hasSize(3);
	}

	private void assertInvalid(String json, String field) {
		Response response = client().send("POST", "/api/slo", TestTokens.token("reporter"), json);
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().at("/invalid-params/0/name").asString()).as(response.body()).isEqualTo(field);
	}

	/** A channel to name in an SLO; nothing is sent to it here. */
	private long channel() {
		Response created = client().send("POST", "/api/channels", TestTokens.token("reporter"),
				"{\"type\": \"webhook\", \"url\": \"https://example.test/hook\"}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().path("id").asLong();
	}

	private long createSlo(String json) {
		Response created = client().send("POST", "/api/slo", TestTokens.token("reporter"), json);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().path("id").asLong();
	}

	private static String service() {
		return "slo-it-" + names.incrementAndGet() + "-" + ThreadLocalRandom.current().nextInt(1_000_000);
	}

	private static JsonNode find(JsonNode items, String field, String value) {
		for (JsonNode item : items) {
			if (value.equals(item.path(field).asString())) {
				return item;
			}
		}
		throw new AssertionError("no item with " + field + " " + value + " in " + items);
	}

	@SafeVarargs
	private static <T> List<T> race(java.util.concurrent.Callable<T>... tasks) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(tasks.length);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (java.util.concurrent.Callable<T> task : tasks) {
				futures.add(pool.submit(() -> {
					start.await();
					return task.call();
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(60, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

	record Recorded(AlertNotification notification, List<Long> channels) {
	}

	/** Stands in for the channels module: records what would be delivered. */
	static final class RecordingNotifications implements Notifications {

		private final List<Recorded> recorded = new CopyOnWriteArrayList<>();

		@Override
		public void enqueue(AlertNotification notification, Collection<Long> channelIds) {
			this.recorded.add(new Recorded(notification, List.copyOf(channelIds)));
		}

		List<Recorded> of(String fingerprint) {
			return this.recorded.stream().filter((r) -> r.notification().fingerprint().equals(fingerprint)).toList();
		}

	}

	/** A clock the tests move forward. */
	static final class MovableClock extends Clock {

		// Whole milliseconds, as PostgreSQL keeps them (it keeps microseconds).
		private volatile Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		void set(Instant instant) {
			this.now = instant;
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Stands {

		@Bean
		@Primary
		RecordingNotifications recordingNotifications() {
			return new RecordingNotifications();
		}

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock();
		}

	}

}
