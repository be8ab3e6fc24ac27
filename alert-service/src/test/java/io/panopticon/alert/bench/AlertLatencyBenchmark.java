package io.panopticon.alert.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import com.sun.net.httpserver.HttpServer;
import io.panopticon.common.telemetry.Span;
import io.panopticon.common.telemetry.SpanKind;
import io.panopticon.common.telemetry.StatusCode;
import io.panopticon.common.telemetry.TelemetryJson;
import io.panopticon.testing.BenchmarkMain;
import io.panopticon.testing.KafkaTopics;
import io.panopticon.testing.ServiceProcess;
import io.panopticon.testing.TestServers;
import io.panopticon.testing.TestTokens;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Measures how long an SLO's page takes (issue 18; figures in docs/performance.md, "Alert
 * latency"): from producing the first bad minute of a service's spans to Kafka until a
 * webhook receiver on loopback gets the firing message, through ingest-service (Kafka to
 * Elasticsearch) and alert-service (evaluation on its schedule, the outbox, the delivery
 * worker), each a JVM of its own from its jar. Each run has a service of its own with an
 * SLO created beforehand, then a random pause so that the failure falls anywhere in the
 * evaluation interval, then one record of spans of which half fail. Prints the median and
 * 95th percentile over the runs. Run by {@code infra/bench/alert-benchmark}.
 */
public final class AlertLatencyBenchmark {

	private static final Logger log = LoggerFactory.getLogger(AlertLatencyBenchmark.class);

	static final String USAGE = """
			Usage: infra/bench/alert-benchmark [--runs N] [--interval S]
			  --runs N      failures to time (default 10)
			  --interval S  alert-service's evaluation interval in seconds (default 15, its default)
			""";

	private static final String ADMIN_PASSWORD = "Bench-Mark-Lighthouse-42";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private AlertLatencyBenchmark() {
	}

	public static void main(String[] args) {
		BenchmarkMain.run("alert benchmark", USAGE, args, Options::parse, AlertLatencyBenchmark::run);
	}

	static int run(Options options) throws Exception {
		Map<String, Long> fired = new ConcurrentHashMap<>();
		HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
		receiver.createContext("/", (exchange) -> {
			long at = System.nanoTime();
			JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
			if ("firing".equals(body.path("state").asString())) {
				fired.putIfAbsent(body.path("serviceName").asString(), at);
			}
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		receiver.start();
		String run = Long.toString(System.currentTimeMillis(), 36);
		String spans = "bench.alert.spans." + run;
		String logs = "bench.alert.logs." + run;
		KafkaTopics.create(1, spans, logs, "bench.alert.errors." + run, spans + ".dlq", logs + ".dlq");
		try (ServiceProcess ingest = ingest(run, spans, logs);
				ServiceProcess alert = alert(options.interval());
				KafkaProducer<String, String> producer = new KafkaProducer<>(
						Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers(),
								ProducerConfig.ACKS_CONFIG, "all"),
						new StringSerializer(), new StringSerializer())) {
			ingest.awaitHealthy(Duration.ofMinutes(4));
			alert.awaitHealthy(Duration.ofMinutes(4));
			URI base = URI.create("http://127.0.0.1:" + alert.port());
			HttpClient http = HttpClient.newHttpClient();
			String token = login(http, base);
			String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
			List<Long> latencies = new ArrayList<>();
			for (int i = 0; i < options.runs(); i++) {
				String service = "bench-alert-" + run + "-" + i;
				createSlo(http, base, token, service, hook);
				Thread.sleep(ThreadLocalRandom.current().nextLong(options.interval() * 1000L));
				long produced = System.nanoTime();
				producer.send(new ProducerRecord<>(spans, service, badMinute(service))).get();
				long deadline = produced + Duration.ofMinutes(5).toNanos();
				Long at;
				while ((at = fired.get(service)) == null) {
					if (System.nanoTime() > deadline) {
						throw new IllegalStateException("no page for " + service + " within 5 minutes; see "
								+ alert.logFile() + " and " + ingest.logFile());
					}
					Thread.sleep(5);
				}
				latencies.add(at - produced);
				log.info("run {}: page received {} ms after the bad minute was produced", i + 1,
						(at - produced) / 1_000_000);
			}
			Collections.sort(latencies);
			int n = latencies.size();
			log.info(
					"first bad minute produced to webhook received ({} runs, evaluation every {} s): median {} ms, "
							+ "p95 {} ms, min {} ms, max {} ms",
					n, options.interval(), latencies.get(n / 2) / 1_000_000,
					latencies.get((int) Math.ceil(n * 0.95) - 1) / 1_000_000, latencies.get(0) / 1_000_000,
					latencies.get(n - 1) / 1_000_000);
		}
		finally {
			receiver.stop(0);
		}
		return 0;
	}

	private static ServiceProcess ingest(String run, String spans, String logs) {
		return ServiceProcess.builder(ServiceProcess.moduleJar("ingest-service"))
			.property("spring.kafka.bootstrap-servers", TestServers.kafkaBootstrapServers())
			.property("spring.elasticsearch.uris", TestServers.elasticsearchUrl())
			.property("panopticon.jwt.public-key", TestTokens.publicKeyPem())
			.property("panopticon.topics.spans", spans)
			.property("panopticon.topics.logs", logs)
			.property("panopticon.topics.logs-error", "bench.alert.errors." + run)
			.property("spring.kafka.consumer.group-id", "bench-alert-" + run)
			.property("panopticon.ingest.receiver.otlp-http-port", "-1")
			.property("panopticon.ingest.receiver.otlp-grpc-port", "-1")
			.property("panopticon.ingest.receiver.zipkin-port", "-1")
			.javaOptions(BenchmarkMain.serviceJavaOptions(System.getenv()).split(" "))
			.logFile(Path.of("target", "alert-benchmark-ingest-service.log"))
			.start();
	}

	private static ServiceProcess alert(int interval) {
		return ServiceProcess.builder(ServiceProcess.moduleJar("alert-service"))
			.property("spring.datasource.url", TestServers.postgresJdbcUrl())
			.property("spring.datasource.username", TestServers.postgresUsername())
			.property("spring.kafka.bootstrap-servers", TestServers.kafkaBootstrapServers())
			.property("spring.elasticsearch.uris", TestServers.elasticsearchUrl())
			.property("panopticon.alert.evaluation.interval", interval + "s")
			.env("PANOPTICON_ADMIN_USERNAME", "bench-admin")
			.env("PANOPTICON_ADMIN_PASSWORD", ADMIN_PASSWORD)
			.env("PANOPTICON_SECRET_KEY", "benchmark-secret-key-of-some-length-0123")
			.env("PANOPTICON_JWT_PUBLIC_KEY", "")
			.env("PANOPTICON_JWT_JWKS_URI", "http://127.0.0.1:9/none")
			.env("PANOPTICON_OUTBOUND_ALLOWED_NETWORKS", "127.0.0.0/8")
			.javaOptions(BenchmarkMain.serviceJavaOptions(System.getenv()).split(" "))
			.logFile(Path.of("target", "alert-benchmark-alert-service.log"))
			.start();
	}

	private static String login(HttpClient http, URI base) throws Exception {
		HttpResponse<String> login = http.send(HttpRequest.newBuilder(base.resolve("/api/auth/login"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"username\":\"bench-admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		return JSON.readTree(login.body()).path("accessToken").asString();
	}

	/**
	 * An SLO of 99 % good requests paging (SRE workbook conditions) to an inline webhook.
	 */
	private static void createSlo(HttpClient http, URI base, String token, String service, String hook)
			throws Exception {
		String body = """
				{"serviceName": "%s", "metricType": "error_rate", "threshold": 1,
				 "burnRateAlerts": [{"severity": "critical", "factor": 14.4, "longWindow": "1h", "shortWindow": "5m"},
				                    {"severity": "critical", "factor": 6, "longWindow": "6h", "shortWindow": "30m"}],
				 "webhooks": [{"type": "webhook", "url": "%s"}]}""".formatted(service, hook);
		HttpResponse<String> created = http.send(HttpRequest.newBuilder(base.resolve("/api/slo"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (created.statusCode() != 201) {
			throw new IllegalStateException(
					"creating the SLO answered " + created.statusCode() + ": " + created.body());
		}
	}

	/** One record of 40 server spans that ended just now, half of them failed. */
	private static String badMinute(String service) {
		ArrayNode array = JSON.createArrayNode();
		long now = System.currentTimeMillis() * 1000;
		for (int i = 0; i < 40; i++) {
			byte[] id = new byte[24];
			ThreadLocalRandom.current().nextBytes(id);
			String hex = HexFormat.of().formatHex(id);
			Span.Builder span = Span.builder()
				.traceId(hex.substring(0, 32))
				.spanId(hex.substring(32, 48))
				.name("GET /checkout")
				.kind(SpanKind.SERVER)
				.serviceName(service)
				.startTimeMicros(now - 200_000 - i * 1000L)
				.durationMicros(100_000)
				.httpMethod("GET")
				.httpRoute("/checkout")
				.httpStatusCode((i % 2 == 0) ? 500 : 200);
			if (i % 2 == 0) {
				span.status(StatusCode.ERROR, "failed");
			}
			array.add(TelemetryJson.toJson(span.build()));
		}
		return array.toString();
	}

	record Options(int runs, int interval) {

		static Options parse(List<String> args, Map<String, String> environment) {
			Map<String, Integer> given = NumberOptions.read(args, 1, "--runs", "--interval");
			if (given == null) {
				return null;
			}
			return new Options(given.getOrDefault("--runs", 10), given.getOrDefault("--interval", 15));
		}

	}

}
