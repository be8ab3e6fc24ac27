package io.panopticon.ingest.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.panopticon.testing.EsProbe;
import io.panopticon.common.storage.Topics;
import io.panopticon.testing.RealServers;
import io.panopticon.testing.ServiceClient;
import io.panopticon.testing.TestServers;
import io.panopticon.testing.TestTokens;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline end to end against real Kafka and Elasticsearch: what is produced to the
 * span and log topics is found in Elasticsearch with the right fields, ERROR logs reach
 * the error topic, and bad input is dead-lettered with its reason while the rest of the
 * batch is indexed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "panopticon.ingest.max-record-size=64KB", "panopticon.ingest.consumer.concurrency=2",
				// Free ports for the receivers: a local stack may hold the standard ones.
				"panopticon.ingest.receiver.otlp-http-port=0", "panopticon.ingest.receiver.otlp-grpc-port=0",
				"panopticon.ingest.receiver.zipkin-port=0",
				// Above what the other tests use per service; the scrape test goes
				// beyond.
				"panopticon.ingest.max-endpoints-per-service=5" })
@RealServers({ RealServers.Server.KAFKA, RealServers.Server.ELASTICSEARCH })
class IngestPipelineIT {

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private static final String SPANS = "it.spans." + RUN;

	private static final String LOGS = "it.logs." + RUN;

	private static final String ERRORS = "it.errors." + RUN;

	/**
	 * A dead-letter topic of its own, so the other tests' dead letters stay where they
	 * are.
	 */
	private static final String REDRIVE_DLQ = "it.redrive." + RUN + ".dlq";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration WAIT = Duration.ofSeconds(60);

	static KafkaProbe kafka;

	@LocalServerPort
	int port;

	static EsProbe es;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerKafka(registry);
		TestServers.registerElasticsearch(registry);
		registry.add("panopticon.jwt.public-key", TestTokens::publicKeyPem);
		registry.add("panopticon.topics.spans", () -> SPANS);
		registry.add("panopticon.topics.logs", () -> LOGS);
		registry.add("panopticon.topics.logs-error", () -> ERRORS);
	}

	@BeforeAll
	static void topics() {
		KafkaProbe.createTopics(3, SPANS, LOGS);
		KafkaProbe.createTopics(1, ERRORS, Topics.deadLetterOf(SPANS), Topics.deadLetterOf(LOGS));
		KafkaProbe.createTopics(2, REDRIVE_DLQ);
		kafka = new KafkaProbe(TestServers.kafkaBootstrapServers());
		es = new EsProbe(TestServers.elasticsearchUrl());
	}

	@AfterAll
	static void close() {
		kafka.close();
	}

	@Test
	void spansAndLogsRoundTripIntoElasticsearch() {
		String service = "orders-" + RUN;
		long now = micros(Instant.now());
		List<String> traceIds = new ArrayList<>();
		for (int t = 0; t < 3; t++) {
			String traceId = hex(32);
			traceIds.add(traceId);
			List<String> spans = new ArrayList<>();
			String root = hex(16);
			spans.add(span(traceId.toUpperCase(), root, null, service, now + t, 5321, "SERVER",
					",\"httpMethod\":\"GET\",\"httpRoute\":\"/orders/{id}\",\"httpStatusCode\":504,"
							+ "\"status\":{\"code\":\"ERROR\",\"message\":\"timeout\"},"
							+ "\"attributes\":{\"region\":\"eu-1\",\"retry\":2}"));
			for (int i = 0; i < 4; i++) {
				spans.add(span(traceId, hex(16), root, service, now + t + i, 100 + i, "CLIENT",
						",\"peerService\":\"postgres\""));
			}
			kafka.send(SPANS, traceId, "[" + String.join(",", spans) + "]");
		}
		kafka.send(SPANS, "single", span(hex(32), hex(16), null, service, now, 42, "INTERNAL", ""));
		for (int i = 0; i < 10; i++) {
			String level = (i < 2) ? "ERROR" : (i == 2) ? "FATAL" : "INFO";
			kafka.send(LOGS, service, log(service, now + i, level, "message " + i + " of " + RUN, traceIds.get(0)));
		}

		assertThat(es.awaitCount("traces-apm-*", "serviceName:\"" + service + "\"", (c) -> c >= 16, WAIT))
			.isEqualTo(16);
		assertThat(es.awaitCount("logs-apm-*", "serviceName:\"" + service + "\"", (c) -> c >= 10, WAIT)).isEqualTo(10);

		JsonNode root = es.first("traces-apm-*", "traceId:" + traceIds.get(0) + " AND kind:SERVER");
		assertThat(root.at("/_index").asString()).startsWith("traces-apm-");
		JsonNode source = root.path("_source");
		assertThat(source.path("traceId").asString()).isEqualTo(traceIds.get(0));
		assertThat(source.path("serviceName").asString()).isEqualTo(service);
		assertThat(source.path("endpoint").asString()).isEqualTo("GET /orders/{id}");
		assertThat(source.path("durationMicros").asLong()).isEqualTo(5321);
		assertThat(source.at("/status/code").asString()).isEqualTo("ERROR");
		assertThat(source.path("httpStatusCode").asInt()).isEqualTo(504);
		assertThat(source.path("isError").asBoolean()).isTrue();
		assertThat(source.path("isRequest").asBoolean()).isTrue();
		assertThat(es.count("traces-apm-*", "attributes:\"region=eu-1\" AND serviceName:\"" + service + "\""))
			.isEqualTo(3);
		assertThat(es.count("traces-apm-*", "peerService:postgres AND serviceName:\"" + service + "\"")).isEqualTo(12);

		List<ConsumerRecord<byte[], byte[]>> errors = kafka.read(ERRORS, 3, WAIT)
			.stream()
			.filter((r) -> new String(r.key(), StandardCharsets.UTF_8).equals(service))
			.toList();
		assertThat(errors).hasSize(3);
		for (ConsumerRecord<byte[], byte[]> error : errors) {
			JsonNode event = JSON.readTree(error.value());
			assertThat(event.path("level").asString()).isIn("ERROR", "FATAL");
			assertThat(event.path("id").asString()).isNotBlank();
			assertThat(es.count("logs-apm-*", "_id:\"" + event.path("id").asString() + "\"")).isEqualTo(1);
		}
	}

	@Test
	void badInputIsDeadLetteredWhileTheRestOfTheBatchIsIndexed() {
		String service = "mixed-" + RUN;
		Instant now = Instant.now();
		long nowMicros = micros(now);
		String goodTrace = hex(32);
		List<String> items = new ArrayList<>();
		items.add(span(goodTrace, hex(16), null, service, nowMicros, 10, "SERVER", ""));
		items.add(span(goodTrace, hex(16), null, service, nowMicros, 11, "CLIENT", ""));
		// missing required fields: traceId and name
		items.add("{\"spanId\":\"" + hex(16) + "\",\"serviceName\":\"" + service + "\",\"startTime\":" + nowMicros
				+ ",\"durationMicros\":5}");
		// wrong type
		items.add(span(goodTrace, hex(16), null, service, nowMicros, 5, "SERVER", "").replace("\"durationMicros\":5",
				"\"durationMicros\":\"five\""));
		// bad id format
		items.add(span("xyz-not-hex", hex(16), null, service, nowMicros, 5, "SERVER", ""));
		// negative duration
		items.add(span(goodTrace, hex(16), null, service, nowMicros, -7, "SERVER", ""));
		// more than a day in the future
		items.add(span(goodTrace, hex(16), null, service, micros(now.plus(2, ChronoUnit.DAYS)), 5, "SERVER", ""));
		// older than the retention (7 days)
		items.add(span(goodTrace, hex(16), null, service, micros(now.minus(9, ChronoUnit.DAYS)), 5, "SERVER", ""));
		// longer than panopticon.ingest.max-span-duration (24 h)
		items.add(span(goodTrace, hex(16), null, service, micros(now.minus(26, ChronoUnit.HOURS)), 90_000_000_000L,
				"SERVER", ""));
		// Zipkin's favourite: a duration that ends after 2262
		items.add(span(goodTrace, hex(16), null, service, nowMicros, Long.MAX_VALUE, "SERVER", ""));
		items.add(span(goodTrace, hex(16), null, service, nowMicros, 12, "INTERNAL", ""));
		kafka.send(SPANS, goodTrace, "[" + String.join(",", items) + "]");
		kafka.send(SPANS, "garbage", "this is { not json");
		kafka.send(SPANS, "empty", new byte[0]);
		byte[] oversized = ("[" + span(goodTrace, hex(16), null, service, nowMicros, 1, "SERVER",
				",\"attributes\":{\"blob\":\"" + "x".repeat(70_000) + "\"}") + "]")
			.getBytes(StandardCharsets.UTF_8);
		kafka.send(SPANS, "big", oversized);
		kafka.send(SPANS, goodTrace, span(goodTrace, hex(16), null, service, nowMicros, 13, "CONSUMER", ""));

		assertThat(es.awaitCount("traces-apm-*", "serviceName:\"" + service + "\"", (c) -> c >= 4, WAIT)).isEqualTo(4);
		List<ConsumerRecord<byte[], byte[]>> dead = kafka.read(Topics.deadLetterOf(SPANS), 11, WAIT);
		assertThat(dead).hasSize(11);
		Map<String, String> fieldByReason = new HashMap<>();
		for (ConsumerRecord<byte[], byte[]> record : dead) {
			String reason = header(record, Topics.DLQ_REASON);
			String field = header(record, Topics.DLQ_FIELD);
			assertThat(reason).isNotBlank();
			assertThat(field).isNotBlank();
			assertThat(header(record, Topics.DLQ_SOURCE_TOPIC)).isEqualTo(SPANS);
			assertThat(header(record, Topics.DLQ_SOURCE_PARTITION)).matches("\\d+");
			assertThat(header(record, Topics.DLQ_SOURCE_OFFSET)).matches("\\d+");
			fieldByReason.put(reason, field);
		}
		assertThat(fieldByReason.values()).contains("traceId", "durationMicros", "startTime", "$");
		assertThat(String.join("\n", fieldByReason.keySet())).contains("name")
			.containsIgnoringCase("future")
			.contains("bytes")
			.contains("durationMicros: must not be longer than 1 day: 90000000000")
			.contains("2262");
		// The dead-lettered value of a bad array item is that item alone, as JSON.
		assertThat(dead)
			.anySatisfy((record) -> assertThat(new String(record.value(), StandardCharsets.UTF_8)).startsWith("{")
				.contains("xyz-not-hex"));
	}

	@Test
	void adminRedrivesDeadLettersToTheirSourceTopic() {
		String service = "redrive-" + RUN;
		String traceId = hex(32);
		String deadLetterTopic = REDRIVE_DLQ;
		// As if dead-lettered while a cause was being fixed: a valid span with the
		// pipeline's headers.
		var record = new ProducerRecord<byte[], byte[]>(deadLetterTopic, null, traceId.getBytes(StandardCharsets.UTF_8),
				span(traceId, hex(16), null, service, micros(Instant.now()), 77, "SERVER", "")
					.getBytes(StandardCharsets.UTF_8));
		record.headers().add(Topics.DLQ_SOURCE_TOPIC, SPANS.getBytes(StandardCharsets.UTF_8));
		record.headers().add(Topics.DLQ_REASON, "test".getBytes(StandardCharsets.UTF_8));
		kafka.send(record);

		ServiceClient client = new ServiceClient(this.port);
		String path = "/api/admin/dlq/redrive?topic=" + deadLetterTopic;
		assertThat(client.send("POST", path, TestTokens.token("viewer"), null).status()).isEqualTo(403);
		assertThat(client.send("POST", path, null, null).status()).isEqualTo(401);
		assertThat(
				client.send("POST", "/api/admin/dlq/redrive?topic=no.such.topic.dlq", TestTokens.token("admin"), null)
					.status())
			.isEqualTo(404);
		var missing = client.send("POST", "/api/admin/dlq/redrive", TestTokens.token("admin"), null);
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.json().at("/invalid-params/0/name").asString()).isEqualTo("topic");

		var first = client.send("POST", path, TestTokens.token("admin"), null);
		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(first.json().path("redriven").asLong()).isEqualTo(1);
		assertThat(first.json().path("targets").path(SPANS).asLong()).isEqualTo(1);
		assertThat(es.awaitCount("traces-apm-*", "serviceName:\"" + service + "\"", (c) -> c >= 1, WAIT)).isEqualTo(1);
		var second = client.send("POST", path, TestTokens.token("admin"), null);
		assertThat(second.json().path("redriven").asLong()).isZero();
	}

	@Test
	void theScrapeNamesNoServiceSeenInTelemetryNorTheServersPaths() {
		String service = "tenant-" + RUN;
		String traceId = hex(32);
		List<String> spans = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			spans.add(span(traceId, hex(16), null, service, micros(Instant.now()), 10, "SERVER", "")
				.replace("\"name\":\"op-SERVER\"", "\"name\":\"page-" + i + "\""));
		}
		kafka.send(SPANS, traceId, "[" + String.join(",", spans) + "]");
		assertThat(es.awaitCount("traces-apm-*", "serviceName:\"" + service + "\"", (c) -> c >= 7, WAIT)).isEqualTo(7);

		ServiceClient.Response scrape = new ServiceClient(this.port).get("/actuator/prometheus");

		assertThat(scrape.status()).isEqualTo(200);
		// Two of the seven endpoints overflowed into _other: counted, without the
		// service.
		assertThat(scrape.body()).contains("panopticon_ingest_endpoints_overflow_total", "disk_free_bytes")
			.doesNotContain(service)
			.doesNotContain("orders-" + RUN)
			.doesNotContain("path=\"")
			.doesNotContain(System.getProperty("user.dir"));
	}

	static String span(String traceId, String spanId, String parent, String service, long start, long duration,
			String kind, String extra) {
		return "{\"traceId\":\"" + traceId + "\",\"spanId\":\"" + spanId + "\","
				+ ((parent != null) ? "\"parentSpanId\":\"" + parent + "\"," : "") + "\"name\":\"op-" + kind
				+ "\",\"kind\":\"" + kind + "\",\"serviceName\":\"" + service
				+ "\",\"environment\":\"prod\",\"startTime\":" + start + ",\"durationMicros\":" + duration + extra
				+ "}";
	}

	static String log(String service, long timestamp, String level, String message, String traceId) {
		return "{\"timestamp\":" + timestamp + ",\"serviceName\":\"" + service
				+ "\",\"environment\":\"prod\",\"level\":\"" + level + "\",\"message\":\"" + message
				+ "\",\"traceId\":\"" + traceId + "\",\"attributes\":{\"exception.type\":\"TimeoutException\"}}";
	}

	static long micros(Instant instant) {
		return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
	}

	static String hex(int digits) {
		StringBuilder out = new StringBuilder();
		while (out.length() < digits) {
			out.append(UUID.randomUUID().toString().replace("-", ""));
		}
		return out.substring(0, digits);
	}

	private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
		var header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
