package io.panopticon.ingest.receiver;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.panopticon.ingest.receiver.otlp.OtlpGrpcServer;
import io.panopticon.testing.EsProbe;
import io.panopticon.testing.RealServers;
import io.panopticon.testing.TestServers;
import io.panopticon.testing.TestTokens;
import io.panopticon.testing.ThrowawayKafka;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * When Kafka goes away, the receivers answer 503 with {@code Retry-After} (gRPC:
 * {@code UNAVAILABLE}) within the publish timeout, never a success for data that was not
 * stored and never a 500. Records of a request answered 503 may still reach Kafka, so a
 * client that sends the request again must find every log event stored once.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "panopticon.ingest.receiver.otlp-http-port=0", "panopticon.ingest.receiver.otlp-grpc-port=0",
				"panopticon.ingest.receiver.zipkin-port=0", "panopticon.ingest.receiver.publish-timeout=2s",
				"panopticon.ingest.receiver.retry-after=7s", "panopticon.topics.spans=outage.spans",
				"panopticon.topics.logs=outage.logs" })
@RealServers(RealServers.Server.ELASTICSEARCH)
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReceiverKafkaOutageIT {

	static final ThrowawayKafka kafka = TestServers.startThrowawayKafka();

	private final String service = "outage-" + ReceiverServers.RUN;

	private final EsProbe elasticsearch = new EsProbe(TestServers.elasticsearchUrl());

	@LocalServerPort
	int port;

	@Autowired
	OtlpGrpcServer grpc;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
		TestServers.registerElasticsearch(registry);
		registry.add("panopticon.jwt.public-key", TestTokens::publicKeyPem);
	}

	@AfterAll
	static void stopKafka() {
		kafka.close();
	}

	@Test
	@Order(1)
	void aClientSendingARequestAgainStoresEveryLogEventOnce() {
		ReceiverServers.createTopics(kafka.bootstrapServers(), 1, "outage.spans", "outage.logs");
		long now = System.currentTimeMillis() * 1_000_000;
		byte[] request = logs(now, "sent-1", "sent-2", "sent-3");
		assertThat(postLogs(request).status()).isEqualTo(200);
		assertThat(awaitMessages(3)).hasSize(3);

		// What a client does after a 503 whose records Kafka had taken all the same: the
		// same request again, now in records at other offsets.
		assertThat(postLogs(request).status()).isEqualTo(200);
		// Records are stored in order: once the last is there, every earlier one is.
		assertThat(postLogs(logs(now, "after")).status()).isEqualTo(200);

		assertThat(awaitMessages(4)).containsExactlyInAnyOrder("sent-1", "sent-2", "sent-3", "after");
	}

	/** Last: Kafka stays down. */
	@Test
	@Order(2)
	void answersUnavailableWithRetryAfterWhileKafkaIsDown() {
		ReceiverServers.createTopics(kafka.bootstrapServers(), 1, "outage.spans", "outage.logs");
		long now = System.currentTimeMillis() * 1_000_000;
		ExportTraceServiceRequest request = OtlpReceiverIT.request("outage",
				OtlpReceiverIT.span(OtlpReceiverIT.hex(16), OtlpReceiverIT.hex(8), "outage", now).build());
		String otlp = "http://127.0.0.1:" + this.port + "/v1/traces";
		assertThat(Http.post(otlp, request.toByteArray(), "Content-Type", "application/x-protobuf").status())
			.isEqualTo(200);

		kafka.close();

		Http.Answer down = Http.post(otlp, request.toByteArray(), "Content-Type", "application/x-protobuf");
		assertThat(down.status()).isEqualTo(503);
		assertThat(down.retryAfter()).isEqualTo("7");
		assertThat(down.contentType()).startsWith("application/problem+json");
		String zipkin = "[{\"traceId\":\"" + OtlpReceiverIT.hex(16) + "\",\"id\":\"" + OtlpReceiverIT.hex(8)
				+ "\",\"name\":\"outage\",\"timestamp\":" + (now / 1000) + ",\"duration\":5}]";
		Http.Answer zipkinDown = Http.post("http://127.0.0.1:" + this.port + "/api/v2/spans",
				zipkin.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
		assertThat(zipkinDown.status()).isEqualTo(503);
		assertThat(zipkinDown.retryAfter()).isEqualTo("7");
		assertThat(postLogs(logs(now, "down")).status()).isEqualTo(503);

		ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", this.grpc.port()).usePlaintext().build();
		try {
			assertThatExceptionOfType(StatusRuntimeException.class)
				.isThrownBy(() -> TraceServiceGrpc.newBlockingStub(channel).export(request))
				.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
		}
		finally {
			channel.shutdownNow();
		}
	}

	private byte[] logs(long nanos, String... messages) {
		ScopeLogs.Builder scope = ScopeLogs.newBuilder();
		for (int i = 0; i < messages.length; i++) {
			scope.addLogRecords(LogRecord.newBuilder()
				.setTimeUnixNano(nanos + i * 1000L)
				.setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_WARN)
				.setBody(AnyValue.newBuilder().setStringValue(messages[i])));
		}
		return ExportLogsServiceRequest.newBuilder()
			.addResourceLogs(ResourceLogs.newBuilder()
				.setResource(Resource.newBuilder()
					.addAttributes(KeyValue.newBuilder()
						.setKey("service.name")
						.setValue(AnyValue.newBuilder().setStringValue(this.service))))
				.addScopeLogs(scope))
			.build()
			.toByteArray();
	}

	private Http.Answer postLogs(byte[] request) {
		return Http.post("http://127.0.0.1:" + this.port + "/v1/logs", request, "Content-Type",
				"application/x-protobuf");
	}

	/** The messages stored for the service, once at least {@code expected} are. */
	private List<String> awaitMessages(int expected) {
		List<JsonNode> stored = this.elasticsearch.awaitSearch("logs-apm-*",
				"{\"term\":{\"serviceName\":\"" + this.service + "\"}}", expected, Duration.ofSeconds(60));
		return stored.stream().map((log) -> log.path("message").asString()).toList();
	}

}
