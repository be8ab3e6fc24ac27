package io.panopticon.ingest.receiver.otlp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;

import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.panopticon.common.web.InvalidParameterException;
import io.panopticon.ingest.receiver.PublishFailedException;
import io.panopticon.ingest.receiver.UnavailableLog;

import org.springframework.context.SmartLifecycle;

/**
 * OTLP/gRPC ({@code TraceService/Export} and {@code LogsService/Export}) on its own port,
 * 4317 by default, served by grpc-java over Netty.
 * <p>
 * Requests are read as bytes and parsed by the same code as OTLP/HTTP, so that a body
 * that is no OTLP message is answered {@code INVALID_ARGUMENT} (grpc-java's own parsing
 * would answer {@code INTERNAL}). A Kafka outage is {@code UNAVAILABLE}, which OTLP
 * clients retry; a message over the size limit is {@code RESOURCE_EXHAUSTED}; gzip
 * compression is understood. Started and stopped with the application context.
 */
public final class OtlpGrpcServer implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OtlpGrpcServer.class);

	private static final String PROTOCOL = "otlp-grpc";

	private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {

		@Override
		public InputStream stream(byte[] value) {
			return new ByteArrayInputStream(value);
		}

		@Override
		public byte[] parse(InputStream stream) {
			try {
				return stream.readAllBytes();
			}
			catch (IOException ex) {
				throw Status.INVALID_ARGUMENT.withDescription("the message could not be read").asRuntimeException();
			}
		}

	};

	private final int port;

	private final int maxMessageBytes;

	private final OtlpExports exports;

	private final ServerInterceptor security;

	private final UnavailableLog unavailable;

	private volatile Server server;

	/**
	 * @param port the port; 0 takes any free port
	 * @param maxMessageBytes the largest message accepted (decompressed)
	 * @param exports where the exports go
	 * @param security checks the caller's token (see {@link GrpcTokenCheck})
	 * @param unavailable logs Kafka outages
	 */
	public OtlpGrpcServer(int port, int maxMessageBytes, OtlpExports exports, ServerInterceptor security,
			UnavailableLog unavailable) {
		this.port = port;
		this.maxMessageBytes = maxMessageBytes;
		this.exports = exports;
		this.security = security;
		this.unavailable = unavailable;
	}

	@Override
	public void start() {
		ServerServiceDefinition traces = service(TraceServiceGrpc.SERVICE_NAME,
				TraceServiceGrpc.getExportMethod().getFullMethodName(), ExportTraceServiceResponse.getDefaultInstance(),
				OtlpExports::parseTraces, this.exports::traces);
		ServerServiceDefinition logs = service(LogsServiceGrpc.SERVICE_NAME,
				LogsServiceGrpc.getExportMethod().getFullMethodName(), ExportLogsServiceResponse.getDefaultInstance(),
				OtlpExports::parseLogs, this.exports::logs);
		try {
			this.server = NettyServerBuilder.forAddress(new InetSocketAddress(this.port))
				.maxInboundMessageSize(this.maxMessageBytes)
				.addService(ServerInterceptors.intercept(traces, this.security))
				.addService(ServerInterceptors.intercept(logs, this.security))
				.build()
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("OTLP/gRPC could not listen on port " + this.port, ex);
		}
		log.info("OTLP/gRPC receiver listening on port {}", this.server.getPort());
	}

	private <Q, R extends Message> ServerServiceDefinition service(String serviceName, String methodName,
			R responseType, Function<byte[], Q> parser, BiFunction<Q, String, R> handler) {
		MethodDescriptor<byte[], R> method = MethodDescriptor.<byte[], R>newBuilder()
			.setType(MethodDescriptor.MethodType.UNARY)
			.setFullMethodName(methodName)
			.setRequestMarshaller(BYTES)
			.setResponseMarshaller(ProtoUtils.marshaller(responseType))
			.build();
		return ServerServiceDefinition.builder(serviceName)
			.addMethod(method, ServerCalls.asyncUnaryCall((byte[] body, StreamObserver<R> response) -> {
				R answer;
				try {
					answer = handler.apply(parser.apply(body), PROTOCOL);
				}
				catch (InvalidParameterException ex) {
					response.onError(Status.INVALID_ARGUMENT.withDescription(ex.getMessage()).asRuntimeException());
					return;
				}
				catch (PublishFailedException ex) {
					this.unavailable.log(PROTOCOL, ex);
					response.onError(Status.UNAVAILABLE
						.withDescription("the telemetry could not be handed to Kafka; send it again later")
						.asRuntimeException());
					return;
				}
				catch (StatusRuntimeException ex) {
					response.onError(ex);
					return;
				}
				catch (RuntimeException ex) {
					log.error("OTLP/gRPC export failed unexpectedly", ex);
					response.onError(
							Status.INTERNAL.withDescription("the export failed unexpectedly").asRuntimeException());
					return;
				}
				response.onNext(answer);
				response.onCompleted();
			}))
			.build();
	}

	@Override
	public void stop() {
		Server running = this.server;
		if (running == null) {
			return;
		}
		running.shutdown();
		try {
			if (!running.awaitTermination(10, TimeUnit.SECONDS)) {
				running.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			running.shutdownNow();
		}
		this.server = null;
	}

	@Override
	public boolean isRunning() {
		return this.server != null;
	}

	/**
	 * The port the server listens on.
	 * @return the port, or -1 when it is not running
	 */
	public int port() {
		Server running = this.server;
		return (running != null) ? running.getPort() : -1;
	}

}
