package io.panopticon.ingest.receiver;

import java.nio.charset.StandardCharsets;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.panopticon.ingest.receiver.otlp.OtlpGrpcServer;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * When Kafka goes away, the receivers answer 503 with {@code Retry-After} (gRPC:
 * {@code UNAVAILABLE}) within the publish timeout, never a success for data that was not
 * stored and never a 500.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "panopticon.ingest.receiver.otlp-http-port=0", "panopticon.ingest.receiver.otlp-grpc-port=0",
				"panopticon.ingest.receiver.zipkin-port=0", "panopticon.ingest.receiver.publish-timeout=2s",
				"panopticon.ingest.receiver.retry-after=7s", "panopticon.topics.spans=outage.spans",
				"panopticon.topics.logs=outage.logs" })
@RealServers(RealServers.Server.ELASTICSEARCH)
@DirtiesContext
class ReceiverKafkaOutageIT {

	static final ThrowawayKafka kafka = TestServers.startThrowawayKafka();

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

}
