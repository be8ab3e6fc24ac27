package io.panopticon.ingest.receiver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.ReadWriteLogRecord;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * OTLP from real clients into Elasticsearch: the OpenTelemetry Java SDK over
 * http/protobuf, the OpenTelemetry JavaScript exporter over OTLP/JSON, grpc-java over
 * OTLP/gRPC; partial success for spans our model refuses; problem details for bodies that
 * are no OTLP.
 */
class OtlpReceiverIT extends ReceiverServers {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

	@Test
	void javaSdkTraceOfTwoServicesAndItsLogsOverHttpProtobuf() {
		String frontendService = "frontend-" + RUN;
		String ordersService = "orders-" + RUN;
		List<SpanData> spans = new ArrayList<>();
		List<LogRecordData> logs = new ArrayList<>();
		SdkTracerProvider frontendTracing = tracing(frontendService, "deployment.environment.name", "prod", spans);
		SdkTracerProvider ordersTracing = tracing(ordersService, "deployment.environment", "staging", spans);
		SdkLoggerProvider ordersLogging = SdkLoggerProvider.builder()
			.setResource(io.opentelemetry.sdk.resources.Resource.create(Attributes.of(SERVICE_NAME, ordersService)))
			.addLogRecordProcessor(new Collector<>(logs))
			.build();
		Tracer frontend = frontendTracing.get("checkout-test");
		Tracer orders = ordersTracing.get("orders-test");
		long t0 = (System.currentTimeMillis() - 10_000) * 1_000_000;

		Span checkout = frontend.spanBuilder("GET /checkout")
			.setSpanKind(SpanKind.SERVER)
			.setNoParent()
			.setStartTimestamp(t0, TimeUnit.NANOSECONDS)
			.setAttribute("http.request.method", "GET")
			.setAttribute("http.route", "/checkout")
			.setAttribute("url.path", "/checkout")
			.setAttribute(AttributeKey.longKey("http.response.status_code"), 200L)
			.startSpan();
		Span call = frontend.spanBuilder("POST")
			.setSpanKind(SpanKind.CLIENT)
			.setParent(Context.root().with(checkout))
			.setStartTimestamp(t0 + 5_000_000, TimeUnit.NANOSECONDS)
			.setAttribute("http.request.method", "POST")
			.setAttribute("server.address", "orders.internal")
			.setAttribute("peer.service", ordersService)
			.setAttribute(AttributeKey.longKey("http.response.status_code"), 201L)
			.startSpan();
		Span create = orders.spanBuilder("POST /orders")
			.setSpanKind(SpanKind.SERVER)
			.setParent(Context.root().with(call))
			.setStartTimestamp(t0 + 6_000_000, TimeUnit.NANOSECONDS)
			.setAttribute("http.method", "POST")
			.setAttribute("http.route", "/orders")
			.setAttribute(AttributeKey.longKey("http.status_code"), 201L)
			.startSpan();
		Span insert = orders.spanBuilder("INSERT orders")
			.setSpanKind(SpanKind.CLIENT)
			.setParent(Context.root().with(create))
			.setStartTimestamp(t0 + 7_000_000, TimeUnit.NANOSECONDS)
			.setAttribute("db.system", "postgresql")
			.setAttribute("server.address", "db-1")
			.startSpan();
		insert.recordException(new IllegalStateException("deadlock detected"),
				Attributes.of(AttributeKey.booleanKey("exception.escaped"), false));
		insert.setStatus(StatusCode.ERROR, "deadlock detected");
		insert.end(t0 + 9_500_000, TimeUnit.NANOSECONDS);
		Span publish = orders.spanBuilder("orders publish")
			.setSpanKind(SpanKind.PRODUCER)
			.setParent(Context.root().with(create))
			.addLink(insert.getSpanContext())
			.setStartTimestamp(t0 + 10_000_000, TimeUnit.NANOSECONDS)
			.setAttribute("messaging.system", "kafka")
			.startSpan();
		publish.end(t0 + 11_000_000, TimeUnit.NANOSECONDS);
		ordersLogging.get("orders-log")
			.logRecordBuilder()
			.setTimestamp(t0 + 9_600_000, TimeUnit.NANOSECONDS)
			.setSeverity(Severity.ERROR)
			.setSeverityText("ERROR")
			.setBody("order insert failed: deadlock detected")
			.setAttribute(AttributeKey.stringKey("exception.type"), "IllegalStateException")
			.setContext(Context.root().with(insert))
			.emit();
		ordersLogging.get("orders-log")
			.logRecordBuilder()
			.setTimestamp(t0 + 12_000_000, TimeUnit.NANOSECONDS)
			.setSeverity(Severity.INFO2)
			.setBody("order created")
			.setContext(Context.root().with(create))
			.emit();
		create.setStatus(StatusCode.OK);
		create.end(t0 + 12_000_000, TimeUnit.NANOSECONDS);
		call.end(t0 + 13_000_000, TimeUnit.NANOSECONDS);
		checkout.end(t0 + 20_000_000, TimeUnit.NANOSECONDS);
		frontendTracing.close();
		ordersTracing.close();
		ordersLogging.close();

		// The SDK's own exporters over http/protobuf, gzip-compressed, to the OTLP port.
		OtlpHttpSpanExporter spanExporter = OtlpHttpSpanExporter.builder()
			.setEndpoint(otlpPort() + "/v1/traces")
			.setCompression("gzip")
			.build();
		OtlpHttpLogRecordExporter logExporter = OtlpHttpLogRecordExporter.builder()
			.setEndpoint(otlpPort() + "/v1/logs")
			.build();
		assertThat(spanExporter.export(spans).join(30, TimeUnit.SECONDS).isSuccess()).isTrue();
		assertThat(logExporter.export(logs).join(30, TimeUnit.SECONDS).isSuccess()).isTrue();
		spanExporter.close();
		logExporter.close();

		String traceId = checkout.getSpanContext().getTraceId();
		Map<String, JsonNode> trace = elasticsearch.awaitTrace(traceId, 5);
		assertThat(trace).hasSize(5);
		JsonNode root = trace.get(checkout.getSpanContext().getSpanId() + "/SERVER");
		assertThat(root.has("parentSpanId")).isFalse();
		assertThat(root.path("serviceName").asString()).isEqualTo(frontendService);
		assertThat(root.path("environment").asString()).isEqualTo("prod");
		assertThat(root.path("endpoint").asString()).isEqualTo("GET /checkout");
		assertThat(root.path("durationMicros").asLong()).isEqualTo(20_000);
		assertThat(root.path("httpStatusCode").asInt()).isEqualTo(200);
		assertThat(root.path("isRequest").asBoolean()).isTrue();
		assertThat(root.path("attributes").valueStream().map(JsonNode::asString)).contains("url.path=/checkout",
				"otel.scope.name=checkout-test");

		JsonNode client = trace.get(call.getSpanContext().getSpanId() + "/CLIENT");
		assertThat(client.path("parentSpanId").asString()).isEqualTo(checkout.getSpanContext().getSpanId());
		assertThat(client.path("peerService").asString()).isEqualTo(ordersService);
		assertThat(client.path("httpMethod").asString()).isEqualTo("POST");
		assertThat(client.path("durationMicros").asLong()).isEqualTo(8_000);

		JsonNode server = trace.get(create.getSpanContext().getSpanId() + "/SERVER");
		assertThat(server.path("parentSpanId").asString()).isEqualTo(call.getSpanContext().getSpanId());
		assertThat(server.path("serviceName").asString()).isEqualTo(ordersService);
		assertThat(server.path("environment").asString()).isEqualTo("staging");
		assertThat(server.path("httpMethod").asString()).isEqualTo("POST");
		assertThat(server.path("httpRoute").asString()).isEqualTo("/orders");
		assertThat(server.path("httpStatusCode").asInt()).isEqualTo(201);
		assertThat(server.at("/status/code").asString()).isEqualTo("OK");
		assertThat(server.path("durationMicros").asLong()).isEqualTo(6_000);

		JsonNode database = trace.get(insert.getSpanContext().getSpanId() + "/CLIENT");
		assertThat(database.path("parentSpanId").asString()).isEqualTo(create.getSpanContext().getSpanId());
		assertThat(database.path("peerService").asString()).isEqualTo("postgresql");
		assertThat(database.at("/status/code").asString()).isEqualTo("ERROR");
		assertThat(database.at("/status/message").asString()).isEqualTo("deadlock detected");
		assertThat(database.path("isError").asBoolean()).isTrue();
		assertThat(database.path("durationMicros").asLong()).isEqualTo(2_500);
		assertThat(database.at("/events/0/name").asString()).isEqualTo("exception");
		assertThat(database.at("/events/0/time").asLong()).isPositive();
		assertThat(database.at("/events/0/attributes").toString()).contains("IllegalStateException",
				"deadlock detected");

		JsonNode producer = trace.get(publish.getSpanContext().getSpanId() + "/PRODUCER");
		assertThat(producer.path("peerService").asString()).isEqualTo("kafka");
		assertThat(producer.at("/links/0/traceId").asString()).isEqualTo(traceId);
		assertThat(producer.at("/links/0/spanId").asString()).isEqualTo(insert.getSpanContext().getSpanId());

		List<JsonNode> stored = elasticsearch.await("logs-apm-*", "traceId:" + traceId, 2);
		assertThat(stored).hasSize(2);
		JsonNode error = stored.stream()
			.filter((l) -> l.path("level").asString().equals("ERROR"))
			.findFirst()
			.orElseThrow();
		assertThat(error.path("serviceName").asString()).isEqualTo(ordersService);
		assertThat(error.path("message").asString()).isEqualTo("order insert failed: deadlock detected");
		assertThat(error.path("spanId").asString()).isEqualTo(insert.getSpanContext().getSpanId());
		JsonNode info = stored.stream()
			.filter((l) -> l.path("level").asString().equals("INFO"))
			.findFirst()
			.orElseThrow();
		assertThat(info.path("spanId").asString()).isEqualTo(create.getSpanContext().getSpanId());
	}

	@Test
	void javaScriptExporterOverOtlpJson() throws Exception {
		Path client = installJavaScriptClient();
		Process node = new ProcessBuilder("node", "send-trace.mjs", service() + "/v1/traces", RUN)
			.directory(client.toFile())
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(node.exitValue()).as(output).isZero();
		JsonNode sent = JSON.readTree(output);
		String traceId = sent.path("traceId").asString();

		Map<String, JsonNode> trace = elasticsearch.awaitTrace(traceId, 3);

		assertThat(trace).hasSize(3);
		JsonNode root = only(trace, "GET /cart");
		JsonNode call = only(trace, "GET");
		JsonNode handler = only(trace, "GET /items/{id}");
		assertThat(root.path("serviceName").asString()).isEqualTo("web-" + RUN);
		assertThat(root.path("environment").asString()).isEqualTo("js-test");
		assertThat(root.path("durationMicros").asLong()).isEqualTo(50_000);
		assertThat(root.path("httpRoute").asString()).isEqualTo("/cart");
		assertThat(call.path("parentSpanId").asString()).isEqualTo(root.path("spanId").asString());
		assertThat(call.path("kind").asString()).isEqualTo("CLIENT");
		assertThat(call.path("peerService").asString()).isEqualTo("api-" + RUN);
		assertThat(call.path("isError").asBoolean()).isTrue();
		assertThat(handler.path("parentSpanId").asString()).isEqualTo(call.path("spanId").asString());
		assertThat(handler.path("serviceName").asString()).isEqualTo("api-" + RUN);
		assertThat(handler.path("httpStatusCode").asInt()).isEqualTo(500);
		assertThat(handler.at("/status/message").asString()).isEqualTo("item store unreachable");
		assertThat(handler.at("/events/0/name").asString()).isEqualTo("exception");
		assertThat(handler.path("durationMicros").asLong()).isEqualTo(18_000);
	}

	@Test
	void partialSuccessNamesTheRejectedSpansAndStoresTheRest() {
		String traceId = hex(16);
		String service = "partial-" + RUN;
		long now = System.currentTimeMillis() * 1_000_000;
		ExportTraceServiceRequest request = request(service, span(traceId, hex(8), "valid", now).build(),
				span(traceId, hex(8), "", now).build(),
				span("00000000000000000000000000000000", hex(8), "zero trace", now).build());

		Http.Answer protobuf = Http.post(service() + "/v1/traces", request.toByteArray(), "Content-Type",
				"application/x-protobuf");

		assertThat(protobuf.status()).isEqualTo(200);
		assertThat(protobuf.contentType()).isEqualTo("application/x-protobuf");
		ExportTraceServiceResponse response = parse(protobuf.body());
		assertThat(response.getPartialSuccess().getRejectedSpans()).isEqualTo(2);
		assertThat(response.getPartialSuccess().getErrorMessage()).isEqualTo("2 of 3 spans rejected: "
				+ "resourceSpans[0].scopeSpans[0].spans[1]: name must not be blank; "
				+ "resourceSpans[0].scopeSpans[0].spans[2]: traceId must be 16 or 32 hexadecimal digits, not all zeros: "
				+ "00000000000000000000000000000000");

		String json = """
				{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"%s"}}]},
				 "scopeSpans":[{"spans":[
				  {"traceId":"%s","spanId":"%s","name":"json valid","kind":"SPAN_KIND_SERVER",
				   "startTimeUnixNano":"%d","endTimeUnixNano":"%d"},
				  {"traceId":"%s","spanId":"%s","name":"too old","startTimeUnixNano":"1000","endTimeUnixNano":"2000"}]}]}]}
				"""
			.formatted(service, traceId, hex(8), now, now + 1000, traceId, hex(8));
		Http.Answer answer = Http.post(otlpPort() + "/v1/traces", json.getBytes(StandardCharsets.UTF_8), "Content-Type",
				"application/json");
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().at("/partialSuccess/rejectedSpans").asString()).isEqualTo("1");
		assertThat(answer.json().at("/partialSuccess/errorMessage").asString())
			.isEqualTo("1 of 2 spans rejected: resourceSpans[0].scopeSpans[0].spans[1]: "
					+ "startTime: is older than the retention of 7 days");

		Map<String, JsonNode> trace = elasticsearch.awaitTrace(traceId, 2);
		assertThat(trace.values()).extracting((s) -> s.path("name").asString())
			.containsExactlyInAnyOrder("valid", "json valid");
	}

	@Test
	void answersProblemDetailsForWhatIsNoOtlp() throws IOException {
		Http.Answer garbage = Http.post(service() + "/v1/traces", new byte[] { (byte) 0xff, 0x01, 0x02 },
				"Content-Type", "application/x-protobuf");
		assertThat(garbage.status()).isEqualTo(400);
		assertThat(garbage.contentType()).startsWith("application/problem+json");
		assertThat(garbage.json().path("detail").asString())
			.startsWith("invalid parameter '$': is not a valid OTLP protobuf export request");

		Http.Answer badJson = Http.post(otlpPort() + "/v1/logs", "{\"resourceLogs\":[".getBytes(), "Content-Type",
				"application/json");
		assertThat(badJson.status()).isEqualTo(400);
		assertThat(badJson.json().at("/invalid-params/0/reason").asString()).startsWith("is not valid JSON");

		Http.Answer base64Ids = Http.post(otlpPort() + "/v1/traces",
				"{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"S/kvNXezTaajzpKdDg5HNg==\"}]}]}]}"
					.getBytes(),
				"Content-Type", "application/json");
		assertThat(base64Ids.status()).isEqualTo(400);
		assertThat(base64Ids.json().at("/invalid-params/0/name").asString())
			.isEqualTo("resourceSpans[0].scopeSpans[0].spans[0].traceId");

		Http.Answer wrongType = Http.post(service() + "/v1/traces", "x".getBytes(), "Content-Type", "text/plain");
		assertThat(wrongType.status()).isEqualTo(415);

		Http.Answer tooLarge = Http.post(otlpPort() + "/v1/traces", new byte[9 * 1024 * 1024], "Content-Type",
				"application/x-protobuf");
		assertThat(tooLarge.status()).isEqualTo(413);
		assertThat(tooLarge.contentType()).startsWith("application/problem+json");

		Http.Answer bomb = Http.post(otlpPort() + "/v1/traces", RequestBodiesTest.gzip(new byte[20 * 1024 * 1024]),
				"Content-Type", "application/x-protobuf", "Content-Encoding", "gzip");
		assertThat(bomb.status()).isEqualTo(413);
	}

	@Test
	void receiverPortsServeTheReceiverPathsOnly() {
		assertThat(Http.get(otlpPort() + "/actuator/health").status()).isEqualTo(404);
		assertThat(Http.get(zipkinPort() + "/actuator/health").status()).isEqualTo(404);
		assertThat(
				Http.post(zipkinPort() + "/v1/traces", new byte[0], "Content-Type", "application/x-protobuf").status())
			.isEqualTo(404);
		assertThat(
				Http.post(otlpPort() + "/api/v2/spans", "[]".getBytes(), "Content-Type", "application/json").status())
			.isEqualTo(404);
		assertThat(Http.post(otlpPort() + "/v1/traces", new byte[0], "Content-Type", "application/x-protobuf").status())
			.isEqualTo(200);
		assertThat(Http.get(service() + "/actuator/health").status()).isEqualTo(200);
	}

	@Test
	void grpcExportsArriveAndUndecodableMessagesAreInvalidArguments() {
		ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", this.grpc.port()).usePlaintext().build();
		try {
			String traceId = hex(16);
			long now = System.currentTimeMillis() * 1_000_000;
			ExportTraceServiceRequest request = request("grpc-" + RUN, span(traceId, hex(8), "grpc one", now).build(),
					span(traceId, hex(8), "grpc two", now).build(), span(traceId, hex(8), "", now).build());

			ExportTraceServiceResponse response = TraceServiceGrpc.newBlockingStub(channel)
				.withCompression("gzip")
				.export(request);

			assertThat(response.getPartialSuccess().getRejectedSpans()).isEqualTo(1);
			assertThat(elasticsearch.awaitTrace(traceId, 2)).hasSize(2);

			MethodDescriptor<byte[], byte[]> raw = MethodDescriptor.<byte[], byte[]>newBuilder()
				.setType(MethodDescriptor.MethodType.UNARY)
				.setFullMethodName(TraceServiceGrpc.getExportMethod().getFullMethodName())
				.setRequestMarshaller(Bytes.MARSHALLER)
				.setResponseMarshaller(Bytes.MARSHALLER)
				.build();
			assertThatExceptionOfType(StatusRuntimeException.class)
				.isThrownBy(() -> ClientCalls.blockingUnaryCall(channel, raw, CallOptions.DEFAULT,
						new byte[] { (byte) 0xff, 0x01 }))
				.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
		}
		finally {
			channel.shutdownNow();
		}
	}

	static ExportTraceServiceRequest request(String service, io.opentelemetry.proto.trace.v1.Span... spans) {
		return ExportTraceServiceRequest.newBuilder()
			.addResourceSpans(ResourceSpans.newBuilder()
				.setResource(Resource.newBuilder()
					.addAttributes(KeyValue.newBuilder()
						.setKey("service.name")
						.setValue(AnyValue.newBuilder().setStringValue(service))))
				.addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans))))
			.build();
	}

	static io.opentelemetry.proto.trace.v1.Span.Builder span(String traceId, String spanId, String name, long nanos) {
		return io.opentelemetry.proto.trace.v1.Span.newBuilder()
			.setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(traceId)))
			.setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(spanId)))
			.setName(name)
			.setKind(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER)
			.setStartTimeUnixNano(nanos)
			.setEndTimeUnixNano(nanos + 1_000_000);
	}

	static String hex(int bytes) {
		byte[] id = new byte[bytes];
		java.util.concurrent.ThreadLocalRandom.current().nextBytes(id);
		id[0] |= 1;
		return HexFormat.of().formatHex(id);
	}

	private static ExportTraceServiceResponse parse(byte[] body) {
		try {
			return ExportTraceServiceResponse.parseFrom(body);
		}
		catch (com.google.protobuf.InvalidProtocolBufferException ex) {
			throw new AssertionError(ex);
		}
	}

	private static JsonNode only(Map<String, JsonNode> trace, String name) {
		return trace.values().stream().filter((s) -> s.path("name").asString().equals(name)).findFirst().orElseThrow();
	}

	private static SdkTracerProvider tracing(String service, String environmentKey, String environment,
			List<SpanData> spans) {
		return SdkTracerProvider.builder()
			.setResource(io.opentelemetry.sdk.resources.Resource
				.create(Attributes.of(SERVICE_NAME, service, AttributeKey.stringKey(environmentKey), environment)))
			.addSpanProcessor(new Collector<>(spans))
			.build();
	}

	/**
	 * Copies the JavaScript client (package.json, package-lock.json, the script) into
	 * {@code target/} and installs its packages from npm once ({@code npm ci}).
	 */
	static Path installJavaScriptClient() throws IOException, InterruptedException {
		Path source = Path.of("src", "test", "js", "otlp-json-client");
		Path target = Path.of("target", "otlp-json-client");
		Files.createDirectories(target);
		for (String file : List.of("package.json", "package-lock.json", "send-trace.mjs")) {
			Files.copy(source.resolve(file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
		}
		if (!Files.isDirectory(target.resolve("node_modules/@opentelemetry/exporter-trace-otlp-http"))) {
			// Never inheritIO: the test JVM's standard streams are the build tool's
			// channel to
			// it, and npm puts a shared stdin into non-blocking mode, which breaks that
			// channel.
			Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(target.toFile())
				.redirectErrorStream(true)
				.redirectOutput(target.resolve("npm-ci.log").toFile())
				.start();
			assertThat(npm.waitFor(5, TimeUnit.MINUTES)).as("npm ci finished").isTrue();
			assertThat(npm.exitValue()).as("npm ci in " + target + ", see npm-ci.log there").isZero();
		}
		return target;
	}

	/** Collects what the SDK finished, for its exporters to send in one batch. */
	static final class Collector<T> implements SpanProcessor, LogRecordProcessor {

		private final List<T> items;

		Collector(List<T> items) {
			this.items = items;
		}

		@Override
		public void onStart(Context parentContext, ReadWriteSpan span) {
		}

		@Override
		public boolean isStartRequired() {
			return false;
		}

		@Override
		@SuppressWarnings("unchecked")
		public void onEnd(ReadableSpan span) {
			synchronized (this.items) {
				this.items.add((T) span.toSpanData());
			}
		}

		@Override
		public boolean isEndRequired() {
			return true;
		}

		@Override
		@SuppressWarnings("unchecked")
		public void onEmit(Context context, ReadWriteLogRecord logRecord) {
			synchronized (this.items) {
				this.items.add((T) logRecord.toLogRecordData());
			}
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode forceFlush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public void close() {
		}

	}

}
