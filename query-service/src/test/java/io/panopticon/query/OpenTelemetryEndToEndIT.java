package io.panopticon.query;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.panopticon.query.HttpProbe.Answer;
import io.panopticon.testing.RealServers;
import io.panopticon.testing.ServiceClient;
import io.panopticon.testing.ServiceClient.Response;
import io.panopticon.testing.TestServers;
import io.panopticon.testing.TestTokens;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * From instrumented applications to the query API: three services instrumented with the
 * OpenTelemetry Java SDK export one checkout trace and its logs over OTLP http/protobuf
 * to ingest-service (run from its jar, its OTLP/HTTP receiver on a port of its own),
 * which publishes them to Kafka and indexes them; query-service answers for them from
 * Elasticsearch. The trace is checked through {@code GET /api/traces/{traceId}} (links,
 * services, exact durations and offsets from the SDK's own timestamps, status, HTTP
 * fields of both semantic-convention generations, the exception event, the logs), found
 * by root-span search, and counted by {@code GET /api/services}.
 * <p>
 * The SDK takes every time from a clock the test sets, so the timeline is fixed (with
 * sub-microsecond parts, which storage truncates to microseconds) while the spans are
 * started, ended and exported by the SDK as in an application. The services pass the
 * trace on in {@code traceparent} headers, as their HTTP instrumentation would.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "panopticon.security.public-read=false")
@RealServers({ RealServers.Server.KAFKA, RealServers.Server.ELASTICSEARCH, RealServers.Server.REDIS })
class OpenTelemetryEndToEndIT {

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private static final String FRONTEND = "frontend-" + RUN;

	private static final String ORDERS = "orders-" + RUN;

	private static final String PAYMENTS = "payments-" + RUN;

	/**
	 * Every service reports this environment, so that the services list holds them only.
	 */
	private static final String ENVIRONMENT = "e2e-" + RUN;

	private static final Duration WAIT = Duration.ofMinutes(3);

	/** The SDK's clock: epoch nanoseconds, set by the test before each step. */
	private static final AtomicLong now = new AtomicLong();

	/** The start of the trace, epoch nanoseconds, with a sub-microsecond part. */
	private static long t0;

	/** The spans as the SDK recorded them, by waterfall position. */
	private static final List<SpanData> spans = new ArrayList<>();

	/** When each log record happened, epoch nanoseconds, in time order. */
	private static final List<Long> logTimes = new ArrayList<>();

	private static IngestedTelemetry telemetry;

	private static JsonNode trace;

	@LocalServerPort
	int port;

	ServiceClient client;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerElasticsearch(registry);
		TestServers.registerRedis(registry);
		registry.add("panopticon.jwt.public-key", TestTokens::publicKeyPem);
	}

	@BeforeAll
	static void instrumentedServicesReportACheckout() {
		telemetry = IngestedTelemetry.start(RUN);
		t0 = (System.currentTimeMillis() - 60_000) * 1_000_000 + 250_777;
		try (Application frontend = Application.start(FRONTEND, "deployment.environment.name", telemetry);
				Application orders = Application.start(ORDERS, "deployment.environment", telemetry);
				Application payments = Application.start(PAYMENTS, "deployment.environment.name", telemetry)) {
			checkout(frontend, orders, payments);
		}
	}

	@AfterAll
	static void stop() {
		if (telemetry != null) {
			telemetry.close();
		}
	}

	@BeforeEach
	void client() {
		this.client = new ServiceClient(this.port);
	}

	@Test
	void traceByIdShowsTheSdkTraceLinkedAndTimedWithItsLogs() {
		JsonNode trace = awaitTrace();
		String traceId = spans.get(0).getTraceId();
		assertThat(trace.path("traceId").asString()).isEqualTo(traceId);
		assertThat(trace.path("spanCount").asInt()).isEqualTo(10);
		assertThat(trace.path("truncated").asBoolean()).isFalse();
		assertThat(trace.path("errorCount").asInt()).isEqualTo(2);
		assertThat(trace.path("startTime").asString()).isEqualTo(iso(t0));
		assertThat(trace.path("duration").asDouble()).isEqualTo(duration(spans.get(0)));
		assertThat(trace.path("rootService").asString()).isEqualTo(FRONTEND);
		assertThat(trace.path("rootName").asString()).isEqualTo("GET /checkout/{cartId}");
		assertThat(trace.path("services").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder(FRONTEND,
				ORDERS, PAYMENTS);

		// Waterfall order: depth first, siblings by start time; every link as the SDK
		// recorded it, across the traceparent hops too.
		JsonNode waterfall = trace.path("spans");
		assertThat(waterfall.size()).isEqualTo(spans.size());
		assertThat(texts(waterfall, "name")).containsExactly("GET /checkout/{cartId}", "render cart", "POST",
				"POST /orders", "validate order", "POST", "POST /payments", "POST", "POST /payments",
				"INSERT payments");
		assertThat(texts(waterfall, "serviceName")).containsExactly(FRONTEND, FRONTEND, FRONTEND, ORDERS, ORDERS,
				ORDERS, PAYMENTS, ORDERS, PAYMENTS, PAYMENTS);
		assertThat(texts(waterfall, "kind")).containsExactly("SERVER", "INTERNAL", "CLIENT", "SERVER", "INTERNAL",
				"CLIENT", "SERVER", "CLIENT", "SERVER", "CLIENT");
		assertThat(ints(waterfall, "depth")).containsExactly(0, 1, 1, 2, 3, 3, 4, 3, 4, 5);
		assertThat(ints(waterfall, "parent")).containsExactly(null, 0, 0, 2, 3, 3, 5, 3, 7, 8);
		assertThat(waterfall.get(3).path("children").valueStream().map(JsonNode::asInt)).containsExactly(4, 5, 7);
		for (int i = 0; i < spans.size(); i++) {
			SpanData sent = spans.get(i);
			JsonNode span = waterfall.get(i);
			String what = "span " + i + " " + sent.getName();
			assertThat(span.path("traceId").asString()).as(what).isEqualTo(traceId);
			assertThat(span.path("spanId").asString()).as(what).isEqualTo(sent.getSpanId());
			if (sent.getParentSpanContext().isValid()) {
				assertThat(span.path("parentSpanId").asString()).as(what).isEqualTo(sent.getParentSpanId());
			}
			else {
				assertThat(span.has("parentSpanId")).as(what).isFalse();
			}
			assertThat(span.path("environment").asString()).as(what).isEqualTo(ENVIRONMENT);
			assertThat(span.path("startTime").asString()).as(what).isEqualTo(iso(sent.getStartEpochNanos()));
			assertThat(span.path("duration").asDouble()).as(what).isEqualTo(duration(sent));
			assertThat(span.path("offset").asDouble()).as(what).isEqualTo(millis(t0, sent.getStartEpochNanos()));
		}

		// New semantic conventions on the frontend's server span.
		JsonNode checkout = waterfall.get(0);
		assertThat(checkout.path("httpMethod").asString()).isEqualTo("GET");
		assertThat(checkout.path("httpRoute").asString()).isEqualTo("/checkout/{cartId}");
		assertThat(checkout.path("httpStatusCode").asInt()).isEqualTo(200);
		assertThat(checkout.path("endpoint").asString()).isEqualTo("GET /checkout/{cartId}");
		assertThat(checkout.at("/status/code").asString()).isEqualTo("UNSET");
		assertThat(checkout.path("error").asBoolean()).isFalse();
		assertThat(checkout.at("/attributes/url.path").asString()).isEqualTo("/checkout/42");
		assertThat(checkout.at("/resource/service.name").asString()).isEqualTo(FRONTEND);
		assertThat(checkout.at("/resource/telemetry.sdk.language").asString()).isEqualTo("java");
		assertThat(waterfall.get(2).path("peerService").asString()).isEqualTo(ORDERS);
		assertThat(waterfall.get(2).path("httpStatusCode").asInt()).isEqualTo(201);

		// Old semantic conventions on the orders service's server span, and its OK
		// status.
		JsonNode order = waterfall.get(3);
		assertThat(order.path("httpMethod").asString()).isEqualTo("POST");
		assertThat(order.path("httpRoute").asString()).isEqualTo("/orders");
		assertThat(order.path("httpStatusCode").asInt()).isEqualTo(201);
		assertThat(order.path("endpoint").asString()).isEqualTo("POST /orders");
		assertThat(order.at("/status/code").asString()).isEqualTo("OK");
		assertThat(order.path("error").asBoolean()).isFalse();

		// The failed payment: an ERROR status with its message and the SDK's exception
		// event; the client span that saw the 500 (old conventions, status UNSET) is an
		// error by the HTTP status.
		JsonNode failed = waterfall.get(6);
		assertThat(failed.at("/status/code").asString()).isEqualTo("ERROR");
		assertThat(failed.at("/status/message").asString()).isEqualTo("card processor unavailable");
		assertThat(failed.path("error").asBoolean()).isTrue();
		assertThat(failed.path("httpMethod").asString()).isEqualTo("POST");
		assertThat(failed.path("httpRoute").asString()).isEqualTo("/payments");
		assertThat(failed.path("httpStatusCode").asInt()).isEqualTo(500);
		assertThat(failed.path("events").size()).isEqualTo(1);
		JsonNode exception = failed.path("events").get(0);
		assertThat(exception.path("name").asString()).isEqualTo("exception");
		assertThat(exception.path("time").asString()).isEqualTo(iso(spans.get(6).getEvents().get(0).getEpochNanos()));
		assertThat(exception.at("/attributes/exception.type").asString())
			.isEqualTo(IllegalStateException.class.getName());
		assertThat(exception.at("/attributes/exception.message").asString()).isEqualTo("card processor unavailable");
		assertThat(exception.at("/attributes/exception.stacktrace").asString())
			.contains("OpenTelemetryEndToEndIT.checkout");
		JsonNode attempt = waterfall.get(5);
		assertThat(attempt.at("/status/code").asString()).isEqualTo("UNSET");
		assertThat(attempt.path("httpStatusCode").asInt()).isEqualTo(500);
		assertThat(attempt.path("error").asBoolean()).isTrue();
		assertThat(attempt.path("peerService").asString()).isEqualTo("payments.internal");
		assertThat(waterfall.get(8).path("httpStatusCode").asInt()).isEqualTo(201);
		assertThat(waterfall.get(8).path("error").asBoolean()).isFalse();
		assertThat(waterfall.get(9).path("peerService").asString()).isEqualTo("postgresql");

		// The logs, by time, each on the span it was emitted in.
		JsonNode logs = trace.path("logs");
		assertThat(trace.path("logCount").asInt()).isEqualTo(3);
		assertThat(texts(logs, "message")).containsExactly("card processor unavailable",
				"payment attempt 1 failed, retrying", "checkout complete");
		assertThat(texts(logs, "level")).containsExactly("ERROR", "WARN", "INFO");
		assertThat(texts(logs, "serviceName")).containsExactly(PAYMENTS, ORDERS, FRONTEND);
		assertThat(ints(logs, "span")).containsExactly(6, 5, 0);
		for (int i = 0; i < logs.size(); i++) {
			JsonNode log = logs.get(i);
			int span = log.path("span").asInt();
			assertThat(log.path("traceId").asString()).isEqualTo(traceId);
			assertThat(log.path("spanId").asString()).isEqualTo(spans.get(span).getSpanId());
			assertThat(log.path("environment").asString()).isEqualTo(ENVIRONMENT);
			assertThat(log.path("timestamp").asString()).isEqualTo(iso(logTimes.get(i)));
			assertThat(log.path("offset").asDouble()).isEqualTo(millis(t0, logTimes.get(i)));
		}
		assertThat(logs.at("/0/attributes/exception.type").asString()).isEqualTo(IllegalStateException.class.getName());
	}

	@Test
	void rootSpanSearchFindsTheTraceByServiceAndAttribute() {
		awaitTrace();
		SpanData root = spans.get(0);
		JsonNode found = get("/api/traces?service=" + FRONTEND + "&attr=url.path:/checkout/42"
				+ "&attr=http.request.method:GET&range=1h");
		assertThat(found.path("items").size()).isEqualTo(1);
		JsonNode item = found.path("items").get(0);
		assertThat(item.path("traceId").asString()).isEqualTo(root.getTraceId());
		assertThat(item.path("spanId").asString()).isEqualTo(root.getSpanId());
		assertThat(item.path("serviceName").asString()).isEqualTo(FRONTEND);
		assertThat(item.path("environment").asString()).isEqualTo(ENVIRONMENT);
		assertThat(item.path("endpoint").asString()).isEqualTo("GET /checkout/{cartId}");
		assertThat(item.path("kind").asString()).isEqualTo("SERVER");
		assertThat(item.path("startTime").asString()).isEqualTo(iso(t0));
		assertThat(item.path("duration").asDouble()).isEqualTo(duration(root));
		assertThat(item.path("status").asString()).isEqualTo("UNSET");
		assertThat(item.path("error").asBoolean()).isFalse();
		assertThat(item.path("httpMethod").asString()).isEqualTo("GET");
		assertThat(item.path("httpStatusCode").asInt()).isEqualTo(200);

		// Another value of the attribute, or a service whose spans are none of them
		// roots, finds nothing.
		assertThat(get("/api/traces?service=" + FRONTEND + "&attr=url.path:/checkout/43&range=1h").path("items").size())
			.isZero();
		assertThat(get("/api/traces?service=" + ORDERS + "&range=1h").path("items").size()).isZero();
	}

	@Test
	void servicesListCountsTheRequestsOfASmallRange() {
		awaitTrace();
		// One second from the trace's start: raw spans only (no whole minute).
		long from = t0 / 1_000_000;
		String path = "/api/services?environment=" + ENVIRONMENT + "&from=" + from + "&to=" + (from + 1000);
		Answer answer = new HttpProbe("http://127.0.0.1:" + this.port).get(path, TestTokens.token("viewer"));
		assertThat(answer.status()).as(path + " " + answer.body()).isEqualTo(200);
		assertThat(answer.plan()).isEqualTo("hours=0 minutes=0 raw-ms=1000");
		Map<String, JsonNode> services = new HashMap<>();
		answer.json().path("services").forEach((service) -> services.put(service.path("name").asString(), service));
		assertThat(services).containsOnlyKeys(FRONTEND, ORDERS, PAYMENTS);
		// Requests are the SERVER spans: one checkout, one order, two payment attempts
		// of which the first failed.
		assertService(services.get(FRONTEND), 1, 0.0, spans.get(0));
		assertService(services.get(ORDERS), 1, 0.0, spans.get(3));
		assertService(services.get(PAYMENTS), 2, 50.0, spans.get(6), spans.get(8));
		// Busiest first.
		assertThat(answer.json().at("/services/0/name").asString()).isEqualTo(PAYMENTS);
	}

	private static void assertService(JsonNode service, long requests, double errorRate, SpanData... requestSpans) {
		String what = service.path("name").asString();
		double sum = 0;
		for (SpanData span : requestSpans) {
			sum += duration(span);
		}
		assertThat(service.path("totalRequests").asLong()).as(what).isEqualTo(requests);
		assertThat(service.path("errorRate").asDouble()).as(what).isEqualTo(errorRate);
		// The mean is rounded to three decimals.
		assertThat(service.path("avgLatency").asDouble()).as(what).isCloseTo(sum / requests, within(0.0005));
		if (requests == 1) {
			// From the log-scale histogram: within 2 % of the one duration.
			assertThat(service.path("p95Latency").asDouble()).as(what)
				.isCloseTo(duration(requestSpans[0]), within(duration(requestSpans[0]) * 0.02));
		}
	}

	// ---- the checkout, as three instrumented services report it

	/**
	 * The frontend serves {@code GET /checkout/42} and calls the orders service, which
	 * calls the payments service twice: the first attempt fails with an exception and a
	 * 500, the second stores the payment. Spans are recorded in waterfall order.
	 */
	private static void checkout(Application frontend, Application orders, Application payments) {
		at(0);
		Span checkout = frontend.tracer.spanBuilder("GET /checkout/{cartId}")
			.setSpanKind(SpanKind.SERVER)
			.setNoParent()
			.setAttribute("http.request.method", "GET")
			.setAttribute("http.route", "/checkout/{cartId}")
			.setAttribute("url.path", "/checkout/42")
			.setAttribute("url.scheme", "http")
			.startSpan();
		at(1_000_300);
		Span render = frontend.tracer.spanBuilder("render cart").setParent(Context.root().with(checkout)).startSpan();
		at(3_500_100);
		render.end();

		at(4_000_000);
		Span callOrders = frontend.tracer.spanBuilder("POST")
			.setSpanKind(SpanKind.CLIENT)
			.setParent(Context.root().with(checkout))
			.setAttribute("http.request.method", "POST")
			.setAttribute("server.address", "orders.internal")
			.setAttribute("url.full", "http://orders.internal/orders")
			.setAttribute("peer.service", ORDERS)
			.startSpan();
		at(5_125_400);
		Span order = orders.tracer.spanBuilder("POST /orders")
			.setSpanKind(SpanKind.SERVER)
			.setParent(received(callOrders))
			.setAttribute("http.method", "POST")
			.setAttribute("http.route", "/orders")
			.setAttribute("http.target", "/orders")
			.startSpan();
		at(6_000_000);
		Span validate = orders.tracer.spanBuilder("validate order").setParent(Context.root().with(order)).startSpan();
		at(7_333_999);
		validate.end();

		at(8_000_000);
		Span firstAttempt = orders.tracer.spanBuilder("POST")
			.setSpanKind(SpanKind.CLIENT)
			.setParent(Context.root().with(order))
			.setAttribute("http.method", "POST")
			.setAttribute("http.url", "http://payments.internal/payments")
			.setAttribute("net.peer.name", "payments.internal")
			.startSpan();
		at(9_000_500);
		Span failedPayment = payments.tracer.spanBuilder("POST /payments")
			.setSpanKind(SpanKind.SERVER)
			.setParent(received(firstAttempt))
			.setAttribute("http.request.method", "POST")
			.setAttribute("http.route", "/payments")
			.startSpan();
		at(17_900_000);
		payments.log(Severity.ERROR, "card processor unavailable", failedPayment,
				Attributes.of(AttributeKey.stringKey("exception.type"), IllegalStateException.class.getName()));
		at(18_000_000);
		failedPayment.recordException(new IllegalStateException("card processor unavailable"));
		failedPayment.setAttribute(AttributeKey.longKey("http.response.status_code"), 500L);
		failedPayment.setStatus(StatusCode.ERROR, "card processor unavailable");
		at(19_000_000);
		failedPayment.end();
		at(20_000_000);
		firstAttempt.setAttribute(AttributeKey.longKey("http.status_code"), 500L);
		firstAttempt.end();
		at(20_100_000);
		orders.log(Severity.WARN, "payment attempt 1 failed, retrying", firstAttempt, Attributes.empty());

		at(21_000_000);
		Span secondAttempt = orders.tracer.spanBuilder("POST")
			.setSpanKind(SpanKind.CLIENT)
			.setParent(Context.root().with(order))
			.setAttribute("http.request.method", "POST")
			.setAttribute("server.address", "payments.internal")
			.setAttribute("url.full", "http://payments.internal/payments")
			.startSpan();
		at(22_000_000);
		Span payment = payments.tracer.spanBuilder("POST /payments")
			.setSpanKind(SpanKind.SERVER)
			.setParent(received(secondAttempt))
			.setAttribute("http.request.method", "POST")
			.setAttribute("http.route", "/payments")
			.startSpan();
		at(23_000_000);
		Span insert = payments.tracer.spanBuilder("INSERT payments")
			.setSpanKind(SpanKind.CLIENT)
			.setParent(Context.root().with(payment))
			.setAttribute("db.system", "postgresql")
			.setAttribute("db.name", "payments")
			.startSpan();
		at(30_000_700);
		insert.end();
		at(39_500_000);
		payment.setAttribute(AttributeKey.longKey("http.response.status_code"), 201L);
		payment.end();
		at(40_000_000);
		secondAttempt.setAttribute(AttributeKey.longKey("http.response.status_code"), 201L);
		secondAttempt.end();

		at(45_000_000);
		order.setAttribute(AttributeKey.longKey("http.status_code"), 201L);
		order.setStatus(StatusCode.OK);
		order.end();
		at(46_000_000);
		callOrders.setAttribute(AttributeKey.longKey("http.response.status_code"), 201L);
		callOrders.end();
		at(47_000_000);
		frontend.log(Severity.INFO, "checkout complete", checkout, Attributes.empty());
		at(48_250_000);
		checkout.setAttribute(AttributeKey.longKey("http.response.status_code"), 200L);
		checkout.end();

		for (Span span : List.of(checkout, render, callOrders, order, validate, firstAttempt, failedPayment,
				secondAttempt, payment, insert)) {
			spans.add(((ReadableSpan) span).toSpanData());
		}
	}

	/** Sets the SDK's clock to {@code nanos} after the start of the trace. */
	private static void at(long nanos) {
		now.set(t0 + nanos);
	}

	/**
	 * The context a server span starts in: the client's, carried over in the W3C
	 * {@code traceparent} header.
	 */
	private static Context received(Span client) {
		Map<String, String> headers = new HashMap<>();
		W3CTraceContextPropagator.getInstance().inject(Context.root().with(client), headers, Map::put);
		assertThat(headers).containsKey("traceparent");
		return W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, Headers.GETTER);
	}

	/** Reads propagation headers. */
	private static final class Headers implements TextMapGetter<Map<String, String>> {

		static final Headers GETTER = new Headers();

		@Override
		public Iterable<String> keys(Map<String, String> carrier) {
			return carrier.keySet();
		}

		@Override
		public String get(Map<String, String> carrier, String key) {
			return (carrier != null) ? carrier.get(key) : null;
		}

	}

	/** The clock the SDK reads, set by {@link #at(long)}. */
	private static final class TestClock implements Clock {

		@Override
		public long now() {
			return now.get();
		}

		@Override
		public long nanoTime() {
			return now.get();
		}

	}

	/**
	 * One instrumented service as the SDK is set up in an application: a resource naming
	 * the service and its environment, batch processors in front of the OTLP
	 * http/protobuf exporters (gzip), pointed at ingest-service's OTLP port. Closing it
	 * shuts the SDK down, which exports what is left.
	 */
	private static final class Application implements AutoCloseable {

		private final SdkTracerProvider tracing;

		private final SdkLoggerProvider logging;

		final Tracer tracer;

		private final Logger logger;

		private Application(SdkTracerProvider tracing, SdkLoggerProvider logging) {
			this.tracing = tracing;
			this.logging = logging;
			this.tracer = tracing.get("io.panopticon.e2e");
			this.logger = logging.get("io.panopticon.e2e");
		}

		static Application start(String service, String environmentKey, IngestedTelemetry telemetry) {
			Resource resource = Resource.getDefault()
				.merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service,
						AttributeKey.stringKey(environmentKey), ENVIRONMENT)));
			TestClock clock = new TestClock();
			SdkTracerProvider tracing = SdkTracerProvider.builder()
				.setResource(resource)
				.setClock(clock)
				.addSpanProcessor(BatchSpanProcessor
					.builder(OtlpHttpSpanExporter.builder()
						.setEndpoint(telemetry.otlpHttpUrl() + "/v1/traces")
						.setCompression("gzip")
						.build())
					.build())
				.build();
			SdkLoggerProvider logging = SdkLoggerProvider.builder()
				.setResource(resource)
				.setClock(clock)
				.addLogRecordProcessor(BatchLogRecordProcessor
					.builder(OtlpHttpLogRecordExporter.builder()
						.setEndpoint(telemetry.otlpHttpUrl() + "/v1/logs")
						.setCompression("gzip")
						.build())
					.build())
				.build();
			return new Application(tracing, logging);
		}

		/** Emits a log record now, in the context of a span. */
		void log(Severity severity, String message, Span span, Attributes attributes) {
			logTimes.add(now.get());
			this.logger.logRecordBuilder()
				.setTimestamp(now.get(), TimeUnit.NANOSECONDS)
				.setSeverity(severity)
				.setSeverityText(severity.name())
				.setBody(message)
				.setAllAttributes(attributes)
				.setContext(Context.root().with(span))
				.emit();
		}

		@Override
		public void close() {
			assertThat(this.tracing.shutdown().join(30, TimeUnit.SECONDS).isSuccess()).isTrue();
			assertThat(this.logging.shutdown().join(30, TimeUnit.SECONDS).isSuccess()).isTrue();
		}

	}

	// ---- helpers

	/**
	 * Polls the trace until every span and log event is indexed; then it is read once for
	 * all tests.
	 */
	private JsonNode awaitTrace() {
		if (trace != null) {
			return trace;
		}
		String path = "/api/traces/" + spans.get(0).getTraceId();
		long deadline = System.nanoTime() + WAIT.toNanos();
		Response response = this.client.get(path, TestTokens.token("viewer"));
		while (!complete(response) && System.nanoTime() < deadline) {
			HttpProbe.sleep(1_000);
			response = this.client.get(path, TestTokens.token("viewer"));
		}
		assertThat(complete(response))
			.as("all 10 spans and 3 log events within %s; last answer %s %s; ingest log %s", WAIT, response.status(),
					response.body(), telemetry.logFile().toAbsolutePath())
			.isTrue();
		trace = response.json();
		return trace;
	}

	private static boolean complete(Response response) {
		return response.status() == 200 && response.json().path("spanCount").asInt() == spans.size()
				&& response.json().path("logCount").asInt() == logTimes.size();
	}

	private JsonNode get(String path) {
		Response response = this.client.get(path, TestTokens.token("viewer"));
		assertThat(response.status()).as(path + " " + response.body()).isEqualTo(200);
		return response.json();
	}

	/** Milliseconds between two SDK times, as stored: each truncated to microseconds. */
	private static double millis(long fromNanos, long toNanos) {
		return (toNanos / 1000 - fromNanos / 1000) / 1000.0;
	}

	private static double duration(SpanData span) {
		return millis(span.getStartEpochNanos(), span.getEndEpochNanos());
	}

	/** An SDK time as the API shows it: ISO-8601, truncated to microseconds. */
	private static String iso(long epochNanos) {
		return Instant.EPOCH.plus(epochNanos / 1000, ChronoUnit.MICROS).toString();
	}

	/** A field of every item of an array (not of what the items contain). */
	private static List<String> texts(JsonNode array, String field) {
		List<String> values = new ArrayList<>();
		array.forEach((item) -> values.add(item.path(field).asString(null)));
		return values;
	}

	private static List<Integer> ints(JsonNode array, String field) {
		List<Integer> values = new ArrayList<>();
		array.forEach((item) -> values.add(item.path(field).isMissingNode() ? null : item.path(field).asInt()));
		return values;
	}

}
