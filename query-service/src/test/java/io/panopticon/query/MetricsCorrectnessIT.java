package io.panopticon.query;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.panopticon.query.GeneratedTraffic.TestSpan;
import io.panopticon.query.HttpProbe.Answer;
import io.panopticon.testing.RealServers;
import io.panopticon.testing.RealServers.Server;
import io.panopticon.testing.ServiceProcess;
import io.panopticon.testing.TestServers;
import io.panopticon.testing.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The metrics API against real Elasticsearch and Redis, checked against figures the test
 * computes itself from the spans it generated. The spans are written the way production
 * writes them: produced to Kafka and indexed by ingest-service, run from its jar.
 * <p>
 * Counts must match exactly; error rates and mean latencies up to their rounding;
 * percentiles within 2 % of the exact nearest-rank value of the raw durations (the
 * histogram's buckets are within 1 %).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "panopticon.security.public-read=false")
@RealServers({ Server.KAFKA, Server.ELASTICSEARCH, Server.REDIS })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsCorrectnessIT {

	private static final String RUN = UUID.randomUUID().toString().substring(0, 6);

	private static final String CACHE_PREFIX = "it-" + RUN + ":";

	private static final long MINUTE = 60_000;

	private static final long HOUR = 3_600_000;

	/** Traces per minute of generated traffic. */
	private static final int RATE = 30;

	/** The whole hour before which the traffic starts three hours earlier. */
	private static long hour;

	/** When the test started. */
	private static long started;

	private static GeneratedTraffic traffic;

	/** The service map of {@link #mapRange()} computed from raw spans alone. */
	private static JsonNode rawOnlyMap;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerElasticsearch(registry);
		TestServers.registerRedis(registry);
		registry.add("panopticon.jwt.public-key", TestTokens::publicKeyPem);
		registry.add("panopticon.query.cache-prefix", () -> CACHE_PREFIX);
	}

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	@BeforeAll
	static void ingestGeneratedTraffic() throws Exception {
		started = System.currentTimeMillis();
		hour = Math.floorDiv(started, HOUR) * HOUR;
		long from = hour - 3 * HOUR;
		long to = started - 30_000;
		int traces = (int) ((to - from) / MINUTE * RATE);
		traffic = GeneratedTraffic.generate(RUN, 20261122L, traces, from * 1000, to * 1000);
		String topic = "query-it.spans." + RUN;
		createTopics(topic, "query-it.logs." + RUN);
		HttpProbe elastic = new HttpProbe(TestServers.elasticsearchUrl());
		String query = environmentQuery();
		try (ServiceProcess ingest = ServiceProcess.builder(ServiceProcess.moduleJar("ingest-service"))
			.property("spring.kafka.bootstrap-servers", TestServers.kafkaBootstrapServers())
			.property("spring.elasticsearch.uris", TestServers.elasticsearchUrl())
			.property("panopticon.jwt.public-key", TestTokens.publicKeyPem())
			.property("panopticon.topics.spans", topic)
			.property("panopticon.topics.logs", "query-it.logs." + RUN)
			.property("spring.kafka.consumer.group-id", "query-it-" + RUN)
			.property("spring.kafka.consumer.auto-offset-reset", "earliest")
			// Free ports for the receivers: a local stack may hold the standard ones.
			.property("panopticon.ingest.receiver.otlp-http-port", "0")
			.property("panopticon.ingest.receiver.otlp-grpc-port", "0")
			.property("panopticon.ingest.receiver.zipkin-port", "0")
			.logFile(Path.of("target", "metrics-it-ingest.log"))
			.start()) {
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers(),
							ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
					new StringSerializer(), new StringSerializer())) {
				traffic.records.forEach((trace, value) -> producer.send(new ProducerRecord<>(topic, trace, value)));
				producer.flush();
			}
			ingest.awaitHealthy(Duration.ofMinutes(6));
			long indexed = elastic.awaitCount("traces-apm-*", query, (count) -> count >= traffic.spans.size(),
					Duration.ofMinutes(5));
			assertThat(indexed).as("spans indexed").isEqualTo(traffic.spans.size());
		}
	}

	@Test
	@Order(1)
	void fromRawSpansAloneEveryFigureMatchesTheSpans() {
		// No aggregator has run: every range is computed from raw spans.
		for (long[] range : List.of(new long[] { hour - 3 * HOUR, started },
				new long[] { hour - 2 * HOUR + 7 * MINUTE + 13_500, hour - HOUR + 42 * MINUTE + 1 })) {
			String raw = "hours=0 minutes=0 raw-ms=" + (range[1] - range[0]);
			checkEverything(range[0], range[1], raw::equals, raw::equals);
		}
		long[] range = mapRange();
		Answer map = get(
				"/api/service-map?from=" + range[0] + "&to=" + range[1] + "&environment=" + traffic.environment);
		if (map.plan() != null) {
			assertThat(map.plan()).isEqualTo("hours=0 minutes=0 raw-ms=" + (range[1] - range[0]));
		}
		rawOnlyMap = map.json();
		assertThat(rawOnlyMap.path("edges").size()).as("edges").isGreaterThan(3);
	}

	/**
	 * A range of the service map compared before and after the aggregator ran: from
	 * within a minute to just before the test started.
	 */
	private static long[] mapRange() {
		return new long[] { hour - 3 * HOUR + 7 * MINUTE + 13_500, started - 45_000 };
	}

	@Test
	@Order(2)
	void searchSortAndLimitShapeTheLists() {
		String range = "&range=24h&environment=" + traffic.environment;
		JsonNode found = get("/api/services?search=" + traffic.orders.toUpperCase(Locale.ROOT).substring(2) + range)
			.json()
			.path("services");
		assertThat(names(found, "name")).containsExactly(traffic.orders);

		JsonNode byP95 = get("/api/services?sort=p95Latency&order=desc&limit=3" + range).json().path("services");
		assertThat(byP95.size()).isEqualTo(3);
		assertThat(byP95.path(0).path("p95Latency").asDouble())
			.isGreaterThanOrEqualTo(byP95.path(1).path("p95Latency").asDouble());
		assertThat(byP95.path(1).path("p95Latency").asDouble())
			.isGreaterThanOrEqualTo(byP95.path(2).path("p95Latency").asDouble());
		JsonNode byName = get("/api/services?sort=name" + range).json().path("services");
		assertThat(names(byName, "name")).isSorted().hasSize(5);

		JsonNode endpoints = get("/api/services/" + traffic.gateway + "/endpoints?sort=errorRate&limit=2" + range)
			.json()
			.path("endpoints");
		assertThat(endpoints.size()).isEqualTo(2);
		assertThat(endpoints.path(0).path("errorRate").asDouble())
			.isGreaterThanOrEqualTo(endpoints.path(1).path("errorRate").asDouble());
		assertThat(endpoints.path(0).path("method").asString()).isIn("GET", "POST");
		assertThat(endpoints.path(0).path("path").asString()).startsWith("/api/");
	}

	@Test
	@Order(2)
	void closedRangesAreCachedAndOpenOnesAreNot() {
		clearCache();
		String closed = "/api/services?environment=" + traffic.environment + "&from=" + (hour - 3 * HOUR) + "&to="
				+ (hour - 2 * HOUR);
		Answer first = get(closed);
		assertThat(first.cache()).isEqualTo("MISS");
		Set<String> keys = this.redis.keys(CACHE_PREFIX + "*");
		assertThat(keys).hasSize(1);
		String key = keys.iterator().next();
		assertThat(key).startsWith(CACHE_PREFIX + "services:");
		assertThat(this.redis.getExpire(key)).isBetween(1L, 60L);
		Answer second = get(closed);
		assertThat(second.cache()).isEqualTo("HIT");
		assertThat(second.plan()).isNull();
		assertThat(second.json()).isEqualTo(first.json());
		// The cached value is what is answered: change it and the answer changes.
		this.redis.opsForValue()
			.set(key, first.body().replaceFirst("\"totalRequests\":\\d+", "\"totalRequests\":4242"),
					Duration.ofSeconds(60));
		assertThat(get(closed).json().at("/services/0/totalRequests").asLong()).isEqualTo(4242);
		this.redis.delete(key);
		assertThat(get(closed).cache()).isEqualTo("MISS");

		// Open: a range ending now, or just before the re-roll window has passed.
		for (String open : List.of("/api/services?environment=" + traffic.environment + "&range=1h",
				"/api/services?environment=" + traffic.environment + "&from=" + (hour - 3 * HOUR) + "&to="
						+ (System.currentTimeMillis() - 4 * MINUTE),
				"/api/services/" + traffic.orders + "/metrics?from=" + (hour - 3 * HOUR))) {
			assertThat(get(open).cache()).as(open).isEqualTo("BYPASS");
			assertThat(get(open).cache()).as(open).isEqualTo("BYPASS");
		}
		assertThat(this.redis.keys(CACHE_PREFIX + "*")).hasSize(1);
		clearCache();
	}

	private void clearCache() {
		this.redis.delete(this.redis.keys(CACHE_PREFIX + "*"));
	}

	@Test
	@Order(3)
	void fromRollupsAloneAndMixedWithRawSpansEveryFigureStillMatches() {
		try (ServiceProcess aggregator = ServiceProcess.builder(ServiceProcess.moduleJar("aggregator-service"))
			.property("spring.elasticsearch.uris", TestServers.elasticsearchUrl())
			.property("spring.data.redis.host", TestServers.redisHost())
			.property("spring.data.redis.port", Integer.toString(TestServers.redisPort()))
			.property("panopticon.jwt.public-key", TestTokens.publicKeyPem())
			.property("panopticon.aggregator.lease.key", "query-it:" + RUN + ":lease")
			.property("panopticon.aggregator.catch-up-horizon", "4h")
			.property("panopticon.aggregator.interval", "2s")
			.property("panopticon.aggregator.initial-delay", "0s")
			.logFile(Path.of("target", "metrics-it-aggregator.log"))
			.start()) {
			aggregator.awaitHealthy(Duration.ofMinutes(6));
			HttpProbe elastic = new HttpProbe(TestServers.elasticsearchUrl());
			// Every hour of the traffic, and every minute up to the newest closed one.
			long closedMinutes = (Math.floorDiv(System.currentTimeMillis() - 15_000, MINUTE) * MINUTE
					- (hour - 3 * HOUR)) / MINUTE;
			long minutes = elastic.awaitCount("metrics-apm-1m-*", markers("1m", hour - 3 * HOUR),
					(count) -> count >= closedMinutes, Duration.ofMinutes(5));
			assertThat(minutes).as("minute markers").isGreaterThanOrEqualTo(closedMinutes);
			long hours = elastic.awaitCount("metrics-apm-1h-*", markers("1h", hour - 3 * HOUR), (count) -> count >= 3,
					Duration.ofMinutes(2));
			assertThat(hours).as("hour markers").isEqualTo(3);
		}
		// Whole hours only.
		Predicate<String> hours = "hours=2 minutes=0 raw-ms=0"::equals;
		checkEverything(hour - 3 * HOUR, hour - HOUR, hours, hours);
		// Whole minutes only.
		Predicate<String> minutes = "hours=0 minutes=45 raw-ms=0"::equals;
		checkEverything(hour - 3 * HOUR + 5 * MINUTE, hour - 3 * HOUR + 50 * MINUTE, minutes, minutes);
		// Part of a minute, minutes, hours, minutes and the newest part from raw spans:
		// the newest 15 minutes for the metrics, only the minutes without rollups for the
		// service map.
		long now = System.currentTimeMillis();
		checkEverything(hour - 3 * HOUR + 7 * MINUTE + 13_500, now,
				(plan) -> plan(plan, 1, 52, 15 * MINUTE, Long.MAX_VALUE),
				(plan) -> plan(plan, 1, 52, 0, 15 * MINUTE - 1));
		// Hourly rollups as an aggregator wrote them before they carried a packed
		// histogram: time series aggregate the nested one instead, to the same answers.
		assertThat(removePackedHistograms()).as("hourly rollups rewritten").isGreaterThanOrEqualTo(3);
		checkEverything(hour - 3 * HOUR, hour - HOUR, hours, hours);
	}

	@Test
	@Order(4)
	void theServiceMapFromRollupsAndRawSpansIsTheMapOfRawSpansAlone() {
		clearCache();
		long[] range = mapRange();
		Answer map = get(
				"/api/service-map?from=" + range[0] + "&to=" + range[1] + "&environment=" + traffic.environment);
		// Rolled up but for the partial minutes at both ends.
		assertThat(map.plan()).matches((plan) -> plan(plan, 1, 52, 1, 2 * MINUTE));
		assertThat(map.json().path("partial").asBoolean()).isFalse();
		assertThat(map.json().path("edges")).isEqualTo(rawOnlyMap.path("edges"));
		assertThat(map.json().path("nodes")).isEqualTo(rawOnlyMap.path("nodes"));
		assertThat(map.json().path("edges").toString()).contains("\"target\":\"" + traffic.postgres + "\"");
	}

	/**
	 * Returns whether a plan reads at least so many hours and minutes, and raw spans for
	 * a time within bounds.
	 */
	private static boolean plan(String plan, long minHours, long minMinutes, long minRaw, long maxRaw) {
		Matcher parts = Pattern.compile("hours=(\\d+) minutes=(\\d+) raw-ms=(\\d+)").matcher(plan);
		if (!parts.matches()) {
			return false;
		}
		long raw = Long.parseLong(parts.group(3));
		return Long.parseLong(parts.group(1)) >= minHours && Long.parseLong(parts.group(2)) >= minMinutes
				&& raw >= minRaw && raw <= maxRaw;
	}

	/**
	 * Rewrites this run's hourly rollups without {@code latencyHistogram}.
	 * @return how many were rewritten
	 */
	private static int removePackedHistograms() {
		HttpProbe elastic = new HttpProbe(TestServers.elasticsearchUrl());
		Answer found = elastic.post("/metrics-apm-1h-*/_search", "{\"size\":10000,\"query\":{\"bool\":{\"filter\":["
				+ environmentQuery() + ",{\"exists\":{\"field\":\"latencyHistogram\"}}]}}}");
		StringBuilder bulk = new StringBuilder();
		int rewritten = 0;
		for (JsonNode hit : found.json().path("hits").path("hits")) {
			ObjectNode source = (ObjectNode) hit.path("_source");
			source.remove("latencyHistogram");
			bulk.append("{\"index\":{\"_index\":\"")
				.append(hit.path("_index").asString())
				.append("\",\"_id\":\"")
				.append(hit.path("_id").asString())
				.append("\"}}\n")
				.append(source)
				.append('\n');
			rewritten++;
		}
		Answer written = elastic.post("/_bulk?refresh=true", bulk.toString());
		assertThat(written.json().path("errors").asBoolean()).as(written.body()).isFalse();
		return rewritten;
	}

	private static String markers(String resolution, long from) {
		return "{\"bool\":{\"filter\":[{\"term\":{\"kind\":\"marker\"}},{\"term\":{\"resolution\":\"" + resolution
				+ "\"}},{\"range\":{\"@timestamp\":{\"gte\":" + from + ",\"format\":\"epoch_millis\"}}}]}}";
	}

	/** Checks every endpoint over a range against the generated spans. */
	private void checkEverything(long from, long to, Predicate<String> plan, Predicate<String> mapPlan) {
		// Answers cached by an earlier check would hide this one's plan.
		clearCache();
		Predicate<TestSpan> all = (span) -> true;
		String env = "&environment=" + traffic.environment;
		String range = "from=" + from + "&to=" + to;

		Answer services = get("/api/services?" + range + env);
		assertThat(services.plan()).matches(plan);
		Map<String, ExpectedFigures> expectedServices = ExpectedFigures.requests(traffic.spans, from, to, all,
				TestSpan::service);
		JsonNode list = services.json().path("services");
		assertThat(names(list, "name")).containsExactlyInAnyOrderElementsOf(expectedServices.keySet());
		for (JsonNode service : list) {
			ExpectedFigures expected = expectedServices.get(service.path("name").asString());
			String what = "service " + service.path("name").asString();
			assertThat(service.path("totalRequests").asLong()).as(what).isEqualTo(expected.requests());
			assertRate(what, service.path("errorRate"), expected);
			assertThat(service.path("avgLatency").asDouble()).as(what).isCloseTo(expected.avgMillis(), within(0.0011));
			assertPercentile(what + " p95", service.path("p95Latency"), expected.percentileMillis(95));
		}

		for (String name : expectedServices.keySet()) {
			Answer endpoints = get("/api/services/" + name + "/endpoints?" + range + env);
			assertThat(endpoints.plan()).matches(plan);
			Map<String, ExpectedFigures> expected = ExpectedFigures.requests(traffic.spans, from, to,
					(span) -> span.service().equals(name), TestSpan::endpoint);
			JsonNode rows = endpoints.json().path("endpoints");
			assertThat(names(rows, "endpoint")).containsExactlyInAnyOrderElementsOf(expected.keySet());
			for (JsonNode row : rows) {
				ExpectedFigures figures = expected.get(row.path("endpoint").asString());
				String what = name + " " + row.path("endpoint").asString();
				assertThat(row.path("requests").asLong()).as(what).isEqualTo(figures.requests());
				assertRate(what, row.path("errorRate"), figures);
				assertPercentile(what + " p50", row.path("p50Latency"), figures.percentileMillis(50));
				assertPercentile(what + " p95", row.path("p95Latency"), figures.percentileMillis(95));
				assertPercentile(what + " p99", row.path("p99Latency"), figures.percentileMillis(99));
			}
		}

		for (String interval : List.of("5m", "1h")) {
			long width = interval.equals("5m") ? 5 * MINUTE : HOUR;
			Answer metrics = get(
					"/api/services/" + traffic.orders + "/metrics?" + range + env + "&interval=" + interval);
			JsonNode points = metrics.json().path("points");
			long first = Math.floorDiv(from, width) * width;
			assertThat(points.size()).isEqualTo((int) ((to - first + width - 1) / width));
			for (JsonNode point : points) {
				long start = Instant.parse(point.path("timestamp").asString()).toEpochMilli();
				Map<String, ExpectedFigures> expected = ExpectedFigures.requests(traffic.spans, Math.max(start, from),
						Math.min(start + width, to), (span) -> span.service().equals(traffic.orders), (span) -> "all");
				String what = interval + " point " + point.path("timestamp").asString();
				ExpectedFigures figures = expected.get("all");
				if (figures == null) {
					assertThat(point.path("requests").asLong()).as(what).isZero();
					assertThat(point.path("p95Latency").isNull()).as(what).isTrue();
					continue;
				}
				assertThat(point.path("requests").asLong()).as(what).isEqualTo(figures.requests());
				assertThat(point.path("errors").asLong()).as(what).isEqualTo(figures.errors());
				assertRate(what, point.path("errorRate"), figures);
				assertPercentile(what + " p50", point.path("p50Latency"), figures.percentileMillis(50));
				assertPercentile(what + " p90", point.path("p90Latency"), figures.percentileMillis(90));
				assertPercentile(what + " p95", point.path("p95Latency"), figures.percentileMillis(95));
				assertPercentile(what + " p99", point.path("p99Latency"), figures.percentileMillis(99));
			}
		}

		Answer map = get("/api/service-map?" + range + env);
		assertThat(map.plan()).matches(mapPlan);
		assertThat(map.json().path("partial").asBoolean()).isFalse();
		Map<String, ExpectedFigures> expectedCalls = ExpectedFigures.calls(traffic.calls, from, to);
		Map<String, JsonNode> edges = new HashMap<>();
		for (JsonNode edge : map.json().path("edges")) {
			edges.put(edge.path("source").asString() + " -> " + edge.path("target").asString(), edge);
		}
		assertThat(edges.keySet()).containsExactlyInAnyOrderElementsOf(expectedCalls.keySet());
		expectedCalls.forEach((edge, figures) -> {
			assertThat(edges.get(edge).path("requests").asLong()).as(edge).isEqualTo(figures.requests());
			assertRate(edge, edges.get(edge).path("errorRate"), figures);
			assertPercentile(edge + " p95", edges.get(edge).path("p95Latency"), figures.percentileMillis(95));
		});
		Map<String, JsonNode> nodes = new HashMap<>();
		map.json().path("nodes").forEach((node) -> nodes.put(node.path("name").asString(), node));
		assertThat(nodes.get(traffic.postgres).path("instrumented").asBoolean()).isFalse();
		assertThat(nodes.get(traffic.postgres).path("requests").asLong())
			.isEqualTo(expectedCalls.get(traffic.orders + " -> " + traffic.postgres).requests());
		expectedServices.forEach((name, figures) -> {
			assertThat(nodes.get(name).path("instrumented").asBoolean()).as(name).isTrue();
			assertThat(nodes.get(name).path("requests").asLong()).as(name).isEqualTo(figures.requests());
		});
	}

	private Answer get(String path) {
		Answer answer = new HttpProbe("http://127.0.0.1:" + this.port).get(path, TestTokens.token("viewer"));
		assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(200);
		return answer;
	}

	private static List<String> names(JsonNode rows, String field) {
		return StreamSupport.stream(rows.spliterator(), false).map((row) -> row.path(field).asString()).toList();
	}

	private static void assertRate(String what, JsonNode actual, ExpectedFigures expected) {
		assertThat(actual.asDouble()).as(what + " error rate").isCloseTo(expected.errorRate(), within(0.0006));
	}

	private static void assertPercentile(String what, JsonNode actual, double expected) {
		assertThat(actual.isNumber()).as(what + " is a number: " + actual).isTrue();
		assertThat(actual.asDouble()).as(what).isCloseTo(expected, within(expected * 0.02));
	}

	private static String environmentQuery() {
		return "{\"term\":{\"environment\":\"" + traffic.environment + "\"}}";
	}

	private static void createTopics(String... topics) throws InterruptedException {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers()))) {
			admin.createTopics(Arrays.stream(topics).map((topic) -> new NewTopic(topic, 3, (short) 1)).toList())
				.all()
				.get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("could not create " + Arrays.toString(topics), ex);
		}
	}

}
