package io.panopticon.aggregator.rollup;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import io.panopticon.storage.StorageClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.panopticon.aggregator.AggregatorApplication;
import io.panopticon.common.telemetry.Span;
import io.panopticon.testing.RealServers;
import io.panopticon.testing.TestServers;
import io.panopticon.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two aggregator instances running at once against the same Elasticsearch write exactly
 * the rollups one would: with the Redis lease, one of them does each minute's work and
 * the other skips; even without it (both doing the same work), the content-derived
 * document ids make their writes replace each other instead of adding up.
 */
@RealServers({ RealServers.Server.ELASTICSEARCH, RealServers.Server.REDIS })
class TwoReplicasIT {

	/** Both instances read this clock, as two hosts would read synchronised clocks. */
	static final TestClock CLOCK = new TestClock(Instant.parse("2026-07-01T00:00:00Z"));

	private static final Duration WAIT = Duration.ofSeconds(120);

	static Rest5Client client;

	static SpanFixtures spans;

	static RollupDocs docs;

	@BeforeAll
	static void connect() {
		client = Rest5Client.builder(URI.create(TestServers.elasticsearchUrl())).build();
		spans = new SpanFixtures(new StorageClient(client));
		docs = new RollupDocs(spans);
	}

	@AfterAll
	static void disconnect() throws Exception {
		client.close();
	}

	@Test
	void twoInstancesWithTheLeaseRollUpEachMinuteOnceAndExactly() throws Exception {
		Instant now = Instant.parse("2026-07-01T12:00:20Z");
		Instant from = Instant.parse("2026-07-01T10:00:00Z");
		Instant to = Instant.parse("2026-07-01T12:00:00Z");
		List<Span> generated = new SpanGenerator(701).spans("twins", from, to, 4000);
		spans.write(generated);
		CLOCK.set(now);
		String lease = "panopticon:test:lease:" + UUID.randomUUID();
		try (ConfigurableApplicationContext one = start(lease, true);
				ConfigurableApplicationContext two = start(lease, true)) {
			awaitComplete(from, to);
			assertThat(docs.rollups(from, to, List.of("service", "endpoint")))
				.isEqualTo(Figures.expectedRequestRollups(generated, from, to));
			// Each minute was rolled up once: no instance repeated the other's work.
			assertThat(minutesRolled(one) + minutesRolled(two)).isEqualTo(120);
			assertThat(passes(one, "skipped") + passes(two, "skipped")).isPositive();
		}
	}

	@Test
	void twoInstancesWithoutTheLeaseStillWriteExactlyOneSetOfRollups() throws Exception {
		Instant now = Instant.parse("2026-07-03T12:00:20Z");
		Instant from = Instant.parse("2026-07-03T10:00:00Z");
		Instant to = Instant.parse("2026-07-03T12:00:00Z");
		List<Span> generated = new ArrayList<>(new SpanGenerator(703).spans("twins", from, to, 4000));
		spans.write(generated);
		CLOCK.set(now);
		try (ConfigurableApplicationContext one = start("unused", false);
				ConfigurableApplicationContext two = start("unused", false)) {
			awaitComplete(from, to);
			Map<String, Figures> expected = Figures.expectedRequestRollups(generated, from, to);
			assertThat(docs.rollups(from, to, List.of("service", "endpoint"))).isEqualTo(expected);
			assertThat(minutesRolled(one) + minutesRolled(two)).isGreaterThanOrEqualTo(120);
		}
	}

	private static ConfigurableApplicationContext start(String leaseKey, boolean lease) {
		return new SpringApplicationBuilder(AggregatorApplication.class, SharedClock.class).web(WebApplicationType.NONE)
			// Arguments, not default properties: those rank below the shared defaults.
			.run("--spring.elasticsearch.uris=" + TestServers.elasticsearchUrl(),
					"--spring.data.redis.host=" + TestServers.redisHost(),
					"--spring.data.redis.port=" + TestServers.redisPort(),
					"--panopticon.jwt.public-key=" + TestTokens.publicKeyPem(), "--panopticon.aggregator.enabled=true",
					"--panopticon.aggregator.interval=100ms", "--panopticon.aggregator.initial-delay=0s",
					"--panopticon.aggregator.catch-up-horizon=2h", "--panopticon.aggregator.chunk-spans=1000",
					"--panopticon.aggregator.lease.enabled=" + lease, "--panopticon.aggregator.lease.key=" + leaseKey,
					"--spring.main.banner-mode=off");
	}

	/** Waits until every minute and both hours of the range have markers. */
	private static void awaitComplete(Instant from, Instant to) throws InterruptedException {
		Instant deadline = Instant.now().plus(WAIT);
		while (Instant.now().isBefore(deadline)) {
			if (docs.markers("1m", from, to).size() == 120 && docs.markers("1h", from, to).size() == 2) {
				// Let passes that were still running finish.
				Thread.sleep(1000);
				return;
			}
			Thread.sleep(250);
		}
		throw new AssertionError("the range was not rolled up within " + WAIT);
	}

	private static long minutesRolled(ConfigurableApplicationContext context) {
		MeterRegistry registry = context.getBean(MeterRegistry.class);
		return Math.round(registry.get(AggregatorMetrics.MINUTES_ROLLED)
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum());
	}

	private static long passes(ConfigurableApplicationContext context, String outcome) {
		MeterRegistry registry = context.getBean(MeterRegistry.class);
		return registry.find(AggregatorMetrics.PASS_DURATION)
			.tag("outcome", outcome)
			.timers()
			.stream()
			.mapToLong((timer) -> timer.count())
			.sum();
	}

	@Configuration(proxyBeanMethods = false)
	static class SharedClock {

		@Bean
		@Primary
		TestClock sharedTestClock() {
			return CLOCK;
		}

	}

}
