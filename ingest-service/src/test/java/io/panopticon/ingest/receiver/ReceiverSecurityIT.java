package io.panopticon.ingest.receiver;

import java.nio.charset.StandardCharsets;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import org.junit.jupiter.api.Test;

import io.panopticon.testing.TestTokens;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * With {@code panopticon.security.ingest-token-required=true} every receiver demands a
 * reporter token: on the service port, on the OTLP and Zipkin ports, and over gRPC.
 */
@TestPropertySource(properties = "panopticon.security.ingest-token-required=true")
class ReceiverSecurityIT extends ReceiverServers {

	@Test
	void everyHttpReceiverOnEveryPortDemandsAReporterToken() {
		long now = System.currentTimeMillis() * 1_000_000;
		byte[] otlp = OtlpReceiverIT
			.request("secure-" + RUN,
					OtlpReceiverIT.span(OtlpReceiverIT.hex(16), OtlpReceiverIT.hex(8), "secure", now).build())
			.toByteArray();
		byte[] zipkin = ("[{\"traceId\":\"" + OtlpReceiverIT.hex(16) + "\",\"id\":\"" + OtlpReceiverIT.hex(8)
				+ "\",\"name\":\"secure\",\"timestamp\":" + (now / 1000)
				+ ",\"duration\":5,\"localEndpoint\":{\"serviceName\":\"secure-" + RUN + "\"}}]")
			.getBytes(StandardCharsets.UTF_8);
		String[][] targets = { { service() + "/v1/traces", "application/x-protobuf" },
				{ otlpPort() + "/v1/traces", "application/x-protobuf" },
				{ service() + "/api/v2/spans", "application/json" },
				{ zipkinPort() + "/api/v2/spans", "application/json" } };
		for (String[] target : targets) {
			byte[] body = target[1].equals("application/json") ? zipkin : otlp;
			int success = target[1].equals("application/json") ? 202 : 200;
			assertThat(Http.post(target[0], body, "Content-Type", target[1]).status()).as(target[0]).isEqualTo(401);
			assertThat(Http
				.post(target[0], body, "Content-Type", target[1], "Authorization",
						"Bearer " + TestTokens.token("viewer"))
				.status()).as(target[0]).isEqualTo(403);
			assertThat(Http
				.post(target[0], body, "Content-Type", target[1], "Authorization",
						"Bearer " + TestTokens.expired("reporter"))
				.status()).as(target[0]).isEqualTo(401);
			assertThat(Http
				.post(target[0], body, "Content-Type", target[1], "Authorization",
						"Bearer " + TestTokens.token("reporter"))
				.status()).as(target[0]).isEqualTo(success);
		}
	}

	@Test
	void grpcDemandsAReporterTokenToo() {
		ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", this.grpc.port()).usePlaintext().build();
		try {
			ExportTraceServiceRequest request = OtlpReceiverIT.request("secure-grpc-" + RUN,
					OtlpReceiverIT
						.span(OtlpReceiverIT.hex(16), OtlpReceiverIT.hex(8), "secure",
								System.currentTimeMillis() * 1_000_000)
						.build());
			var stub = TraceServiceGrpc.newBlockingStub(channel);
			assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> stub.export(request))
				.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
			assertThatExceptionOfType(StatusRuntimeException.class)
				.isThrownBy(() -> withToken(stub, TestTokens.token("viewer")).export(request))
				.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
			assertThatExceptionOfType(StatusRuntimeException.class)
				.isThrownBy(() -> withToken(stub, TestTokens.tampered("reporter")).export(request))
				.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
			assertThat(withToken(stub, TestTokens.token("reporter")).export(request).hasPartialSuccess()).isFalse();
		}
		finally {
			channel.shutdownNow();
		}
	}

	private static TraceServiceGrpc.TraceServiceBlockingStub withToken(TraceServiceGrpc.TraceServiceBlockingStub stub,
			String token) {
		Metadata headers = new Metadata();
		headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
		return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
	}

}
