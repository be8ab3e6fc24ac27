package io.panopticon.ingest.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.panopticon.common.storage.Topics;
import io.panopticon.ingest.receiver.otlp.OtlpJson;
import io.panopticon.testing.EsProbe;
import io.panopticon.testing.RealServers;
import io.panopticon.testing.TestServers;
import io.panopticon.testing.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topics the OpenTelemetry Collector's kafka exporter writes, against real Kafka and
 * Elasticsearch: records in the exporter's wire form (one export request per record,
 * {@code otlp_proto} or {@code otlp_json}) are stored exactly as the OTLP/HTTP receiver
 * stores the same request, poison goes to {@code <topic>.dlq} with its reason, and
 * records read again after their offsets were lost are stored once.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "panopticon.ingest.consumer.concurrency=1",
		// Free ports for the receivers: a local stack may hold the standard ones.
		"panopticon.ingest.receiver.otlp-http-port=0", "panopticon.ingest.receiver.otlp-grpc-port=0",
		"panopticon.ingest.receiver.zipkin-port=0", "panopticon.ingest.otlp-kafka.spans.enabled=true",
		"panopticon.ingest.otlp-kafka.logs.enabled=true", "panopticon.ingest.otlp-kafka.logs.encoding=otlp_json" })
@RealServers({ RealServers.Server.KAFKA, RealServers.Server.ELASTICSEARCH })
class OtlpKafkaIT {

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	/** The exporter's topic names, made unique to this run. */
	private static final String OTLP_SPANS = "otlp_spans." + RUN;

	private static final String OTLP_LOGS = "otlp_logs." + RUN;

	private static final String SPANS = "it.otlpkafka.spans." + RUN;

	private static final String LOGS = "it.otlpkafka.logs." + RUN;

	private static final String ERRORS = "it.otlpkafka.errors." + RUN;

	/** A group of its own, so that rewinding its offsets touches no other test. */
	private static final String GROUP = "it-otlpkafka-" + RUN;

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	static KafkaProbe kafka;

	static EsProbe es;

	@LocalServerPort
	int port;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerKafka(registry);
		TestServers.registerElasticsearch(registry);
		registry.add("panopticon.jwt.public-key", TestTokens::publicKeyPem);
		registry.add("panopticon.topics.spans", () -> SPANS);
		registry.add("panopticon.topics.logs", () -> LOGS);
		registry.add("panopticon.topics.logs-error", () -> ERRORS);
		registry.add("panopticon.ingest.otlp-kafka.spans.topic", () -> OTLP_SPANS);
		registry.add("panopticon.ingest.otlp-kafka.logs.topic", () -> OTLP_LOGS);
		registry.add("spring.kafka.consumer.group-id", () -> GROUP);
	}

	@BeforeAll
	static void topics() {
		KafkaProbe.createTopics(2, OTLP_SPANS, OTLP_LOGS, SPANS, LOGS);
		KafkaProbe.createTopics(1, ERRORS, Topics.deadLetterOf(OTLP_SPANS), Topics.deadLetterOf(OTLP_LOGS),
				Topics.deadLetterOf(SPANS), Topics.deadLetterOf(LOGS));
		kafka = new KafkaProbe(TestServers.kafkaBootstrapServers());
		es = new EsProbe(TestServers.elasticsearchUrl());
	}

	@AfterAll
	static void close() {
		kafka.close();
	}

	@Test
	void bothEncodingsAreStoredAsTheOtlpHttpReceiverStoresTheSameRequest() throws Exception {
		String service = "collector-" + RUN;
		long start = (System.currentTimeMillis() - 10_000) * 1_000_000;
		Ids ids = new Ids();
		String overHttp = IngestPipelineIT.hex(32);
		String protobuf = IngestPipelineIT.hex(32);
		String json = IngestPipelineIT.hex(32);
		String logsOverHttp = IngestPipelineIT.hex(32);
		String logsJson = IngestPipelineIT.hex(32);
		String logsProtobuf = IngestPipelineIT.hex(32);

		assertThat(post("/v1/traces", traces(service, overHttp, ids, start).toByteArray())).isEqualTo(200);
		assertThat(post("/v1/logs", logs(service, logsOverHttp, ids, start).toByteArray())).isEqualTo(200);
		// The spans topic is otlp_proto: a record without header is protobuf, one with a
		// content-type header is read as that says.
		kafka.send(new ProducerRecord<>(OTLP_SPANS, traces(service, protobuf, ids, start).toByteArray()));
		kafka.send(
				withContentType(OTLP_SPANS, OtlpJsonIds.write(traces(service, json, ids, start)), "application/json"));
		// The logs topic is otlp_json.
		kafka.send(new ProducerRecord<>(OTLP_LOGS, OtlpJsonIds.write(logs(service, logsJson, ids, start))));
		ProducerRecord<byte[], byte[]> logsRecord = withContentType(OTLP_LOGS,
				logs(service, logsProtobuf, ids, start).toByteArray(), "application/x-protobuf");
		// A Collector may put one fixed header on every record (record_headers): the
		// receivers' event-id header is not taken from the exporter's records, so the two
		// events stay two documents.
		for (int i = 0; i < 2; i++) {
			logsRecord.headers().add(Topics.EVENT_ID, "set-by-the-collector".getBytes(StandardCharsets.US_ASCII));
		}
		kafka.send(logsRecord);

		Map<String, JsonNode> expected = spans(overHttp, 2);
		assertThat(expected).hasSize(2);
		assertThat(expected.get(ids.client + "/CLIENT").path("peerService").asString()).isEqualTo("postgresql");
		assertThat(spans(protobuf, 2)).isEqualTo(expected);
		assertThat(spans(json, 2)).isEqualTo(expected);
		Map<String, JsonNode> expectedLogs = logs(logsOverHttp, 2);
		assertThat(expectedLogs).hasSize(2);
		assertThat(logs(logsJson, 2)).isEqualTo(expectedLogs);
		assertThat(logs(logsProtobuf, 2)).isEqualTo(expectedLogs);

		// The error stream gets the ERROR events as it gets the receivers'.
		List<String> errors = kafka.read(ERRORS, 3, WAIT)
			.stream()
			.map((record) -> new String(record.value(), StandardCharsets.UTF_8))
			.toList();
		for (String traceId : List.of(logsOverHttp, logsJson, logsProtobuf)) {
			assertThat(errors).anySatisfy((error) -> assertThat(error).contains(traceId, "order lookup failed"));
		}
	}

	@Test
	void poisonGoesToTheDeadLetterTopicsWithTheReason() {
		String service = "poison-" + RUN;
		long now = System.currentTimeMillis() * 1_000_000;
		String traceId = IngestPipelineIT.hex(32);
		byte[] garbage = { (byte) 0xff, 0x01, 0x02 };
		kafka.send(new ProducerRecord<>(OTLP_SPANS, garbage));
		kafka.send(withContentType(OTLP_SPANS, "{}".getBytes(StandardCharsets.UTF_8), "text/plain"));
		Span valid = span(traceId, "0000000000000001", "", "GET /valid", Span.SpanKind.SPAN_KIND_SERVER, now).build();
		Span blank = span(traceId, "0000000000000002", "", " ", Span.SpanKind.SPAN_KIND_SERVER, now).build();
		kafka.send(withContentType(OTLP_SPANS, OtlpJsonIds.write(request(resource(service), valid, blank)),
				"application/json"));
		kafka.send(new ProducerRecord<>(OTLP_LOGS, "{\"resourceLogs\":[".getBytes(StandardCharsets.UTF_8)));

		assertThat(spans(traceId, 1).keySet()).containsExactly("0000000000000001/SERVER");
		List<ConsumerRecord<byte[], byte[]>> spanLetters = kafka.read(Topics.deadLetterOf(OTLP_SPANS), 3, WAIT);
		assertThat(spanLetters).anySatisfy((letter) -> {
			assertThat(header(letter, Topics.DLQ_REASON)).startsWith("$: is not a valid OTLP protobuf export request");
			assertThat(header(letter, Topics.DLQ_FIELD)).isEqualTo("$");
			assertThat(header(letter, Topics.DLQ_SOURCE_TOPIC)).isEqualTo(OTLP_SPANS);
			assertThat(header(letter, Topics.DLQ_SOURCE_OFFSET)).matches("\\d+");
			assertThat(letter.value()).isEqualTo(garbage);
		});
		assertThat(spanLetters).anySatisfy((letter) -> assertThat(header(letter, Topics.DLQ_REASON))
			.isEqualTo("content-type: the record's content-type 'text/plain' is not OTLP; "
					+ "application/x-protobuf or application/json are"));
		assertThat(spanLetters).anySatisfy((letter) -> {
			assertThat(header(letter, Topics.DLQ_REASON))
				.isEqualTo("resourceSpans[0].scopeSpans[0].spans[1]: name must not be blank");
			// That span alone, with its resource and scope, as OTLP/JSON like its record.
			ExportTraceServiceRequest alone = OtlpJson.traces(letter.value());
			assertThat(alone.getResourceSpans(0).getScopeSpans(0).getSpansList()).containsExactly(blank);
		});
		assertThat(kafka.read(Topics.deadLetterOf(OTLP_LOGS), 1, WAIT)).anySatisfy((letter) -> {
			assertThat(header(letter, Topics.DLQ_REASON)).startsWith("$: is not valid JSON");
			assertThat(header(letter, Topics.DLQ_SOURCE_TOPIC)).isEqualTo(OTLP_LOGS);
		});
	}

	@Test
	void recordsReadAgainAfterTheirOffsetsWereLostAreStoredOnce() throws Exception {
		String service = "restart-" + RUN;
		long start = (System.currentTimeMillis() - 10_000) * 1_000_000;
		int requests = 10;
		for (int r = 0; r < requests; r++) {
			kafka.send(new ProducerRecord<>(OTLP_SPANS,
					traces(service, IngestPipelineIT.hex(32), new Ids(), start + r).toByteArray()));
			kafka.send(new ProducerRecord<>(OTLP_LOGS,
					OtlpJsonIds.write(logs(service, IngestPipelineIT.hex(32), new Ids(), start + r))));
		}
		String query = "serviceName:\"" + service + "\"";
		assertThat(es.awaitCount("traces-apm-*", query, (c) -> c >= 2 * requests, WAIT)).isEqualTo(2 * requests);
		assertThat(es.awaitCount("logs-apm-*", query, (c) -> c >= 2 * requests, WAIT)).isEqualTo(2 * requests);
		double spansAgain = alreadyIndexed("spans");
		double logsAgain = alreadyIndexed("logs");

		// As after a crash between storing and committing: the offsets go back to the
		// start, and the restarted consumers read every record again.
		this.listeners.stop();
		rewind(OTLP_SPANS, OTLP_LOGS);
		this.listeners.start();

		awaitAlreadyIndexed("spans", spansAgain + 2 * requests);
		awaitAlreadyIndexed("logs", logsAgain + 2 * requests);
		assertThat(es.count("traces-apm-*", query)).isEqualTo(2 * requests);
		assertThat(es.count("logs-apm-*", query)).isEqualTo(2 * requests);
	}

	private double alreadyIndexed(String signal) {
		Counter counter = this.meters.find("panopticon.ingest.already.indexed").tag("signal", signal).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private void awaitAlreadyIndexed(String signal, double atLeast) {
		Instant deadline = Instant.now().plus(WAIT);
		while (alreadyIndexed(signal) < atLeast && Instant.now().isBefore(deadline)) {
			EsProbe.sleep(250);
		}
		assertThat(alreadyIndexed(signal)).as("%s stored again", signal).isGreaterThanOrEqualTo(atLeast);
	}

	/** Sets the group's offsets of every partition of the topics to 0. */
	private static void rewind(String... topics) throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers()))) {
			Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
			admin.describeTopics(List.of(topics))
				.allTopicNames()
				.get()
				.forEach((topic, description) -> description.partitions()
					.forEach((p) -> start.put(new TopicPartition(topic, p.partition()), new OffsetAndMetadata(0))));
			Instant deadline = Instant.now().plus(WAIT);
			while (true) {
				try {
					admin.alterConsumerGroupOffsets(GROUP, start).all().get();
					return;
				}
				catch (ExecutionException ex) {
					// The stopped consumers leave the group a moment after they closed.
					if (!(ex.getCause() instanceof GroupNotEmptyException) || Instant.now().isAfter(deadline)) {
						throw ex;
					}
					EsProbe.sleep(250);
				}
			}
		}
	}

	/**
	 * The stored spans of a trace, keyed by span id and kind, with the trace id left out.
	 */
	private static Map<String, JsonNode> spans(String traceId, int expected) {
		return es.awaitSearch("traces-apm-*", "{\"term\":{\"traceId\":\"" + traceId + "\"}}", expected, WAIT)
			.stream()
			.collect(Collectors.toMap((span) -> span.path("spanId").asString() + "/" + span.path("kind").asString(),
					OtlpKafkaIT::withoutTraceId));
	}

	/** The stored log events of a trace, keyed by message, with the trace id left out. */
	private static Map<String, JsonNode> logs(String traceId, int expected) {
		return es.awaitSearch("logs-apm-*", EsProbe.queryString("traceId:" + traceId), expected, WAIT)
			.stream()
			.collect(Collectors.toMap((event) -> event.path("message").asString(), OtlpKafkaIT::withoutTraceId));
	}

	private static JsonNode withoutTraceId(JsonNode document) {
		ObjectNode copy = (ObjectNode) document.deepCopy();
		copy.remove("traceId");
		return copy;
	}

	private int post(String path, byte[] body) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Content-Type", "application/x-protobuf")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private static ProducerRecord<byte[], byte[]> withContentType(String topic, byte[] value, String contentType) {
		ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, value);
		record.headers().add("content-type", contentType.getBytes(StandardCharsets.UTF_8));
		return record;
	}

	private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
		var header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	/** The span ids the requests of one test share, so that only the trace ids differ. */
	private static final class Ids {

		final String server = IngestPipelineIT.hex(16);

		final String client = IngestPipelineIT.hex(16);

	}

	/**
	 * A server span and its database call, which failed, with an event, a link and
	 * attributes of every type.
	 */
	private static ExportTraceServiceRequest traces(String service, String traceId, Ids ids, long start) {
		Span server = span(traceId, ids.server, "", "GET /orders/{id}", Span.SpanKind.SPAN_KIND_SERVER, start)
			.setEndTimeUnixNano(start + 20_000_000)
			.addAttributes(text("http.request.method", "GET"))
			.addAttributes(text("http.route", "/orders/{id}"))
			.addAttributes(text("url.path", "/orders/7"))
			.addAttributes(attribute("http.response.status_code", AnyValue.newBuilder().setIntValue(200)))
			.build();
		Span client = span(traceId, ids.client, ids.server, "SELECT orders", Span.SpanKind.SPAN_KIND_CLIENT,
				start + 1_000_000)
			.setEndTimeUnixNano(start + 19_000_000)
			.addAttributes(text("db.system", "postgresql"))
			.addAttributes(attribute("db.rows", AnyValue.newBuilder().setDoubleValue(1.5)))
			.addAttributes(attribute("db.cached", AnyValue.newBuilder().setBoolValue(false)))
			.addAttributes(attribute("db.tables",
					AnyValue.newBuilder()
						.setArrayValue(ArrayValue.newBuilder()
							.addValues(AnyValue.newBuilder().setStringValue("orders"))
							.addValues(AnyValue.newBuilder().setStringValue("items")))))
			.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("timeout"))
			.addEvents(Span.Event.newBuilder()
				.setName("exception")
				.setTimeUnixNano(start + 18_000_000)
				.addAttributes(text("exception.type", "java.sql.SQLTimeoutException")))
			.addLinks(Span.Link.newBuilder()
				.setTraceId(bytes("0af7651916cd43dd8448eb211c80319c"))
				.setSpanId(bytes("b7ad6b7169203331")))
			.build();
		return request(resource(service), server, client);
	}

	private static ExportLogsServiceRequest logs(String service, String traceId, Ids ids, long start) {
		LogRecord error = LogRecord.newBuilder()
			.setTimeUnixNano(start + 18_500_000)
			.setSeverityNumberValue(17)
			.setSeverityText("ERROR")
			.setBody(AnyValue.newBuilder().setStringValue("order lookup failed"))
			.setTraceId(bytes(traceId))
			.setSpanId(bytes(ids.client))
			.addAttributes(text("exception.type", "java.sql.SQLTimeoutException"))
			.build();
		LogRecord structured = LogRecord.newBuilder()
			.setObservedTimeUnixNano(start + 19_500_000)
			.setSeverityNumberValue(9)
			.setBody(AnyValue.newBuilder()
				.setKvlistValue(KeyValueList.newBuilder()
					.addValues(text("order", "7"))
					.addValues(attribute("items", AnyValue.newBuilder().setIntValue(3)))))
			.setTraceId(bytes(traceId))
			.setSpanId(bytes(ids.server))
			.build();
		return ExportLogsServiceRequest.newBuilder()
			.addResourceLogs(ResourceLogs.newBuilder()
				.setResource(resource(service))
				.addScopeLogs(ScopeLogs.newBuilder().setScope(scope()).addLogRecords(error).addLogRecords(structured)))
			.build();
	}

	private static ExportTraceServiceRequest request(Resource resource, Span... spans) {
		return ExportTraceServiceRequest.newBuilder()
			.addResourceSpans(ResourceSpans.newBuilder()
				.setResource(resource)
				.addScopeSpans(ScopeSpans.newBuilder().setScope(scope()).addAllSpans(List.of(spans))))
			.build();
	}

	private static Span.Builder span(String traceId, String spanId, String parentSpanId, String name,
			Span.SpanKind kind, long start) {
		return Span.newBuilder()
			.setTraceId(bytes(traceId))
			.setSpanId(bytes(spanId))
			.setParentSpanId(bytes(parentSpanId))
			.setName(name)
			.setKind(kind)
			.setStartTimeUnixNano(start)
			.setEndTimeUnixNano(start + 1_000_000);
	}

	private static Resource resource(String service) {
		return Resource.newBuilder()
			.addAttributes(text("service.name", service))
			.addAttributes(text("deployment.environment.name", "prod"))
			.addAttributes(text("host.name", "node-1"))
			.build();
	}

	private static InstrumentationScope scope() {
		return InstrumentationScope.newBuilder().setName("orders-instrumentation").setVersion("1.2.0").build();
	}

	private static KeyValue text(String key, String value) {
		return attribute(key, AnyValue.newBuilder().setStringValue(value));
	}

	private static KeyValue attribute(String key, AnyValue.Builder value) {
		return KeyValue.newBuilder().setKey(key).setValue(value).build();
	}

	private static ByteString bytes(String hex) {
		return ByteString.copyFrom(java.util.HexFormat.of().parseHex(hex));
	}

}
