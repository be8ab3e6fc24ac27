package io.panopticon.errorstream;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import io.panopticon.storage.IndexFamily;
import io.panopticon.common.telemetry.LogEvent;
import io.panopticon.common.telemetry.LogLevel;
import io.panopticon.errorstream.StompProbe.Received;
import io.panopticon.testing.ApiDescriptionChecks;
import io.panopticon.testing.RealServers;
import io.panopticon.testing.ServiceClient;
import io.panopticon.testing.ServiceClient.Response;
import io.panopticon.testing.ServiceProcess;
import io.panopticon.testing.TestServers;
import io.panopticon.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * error-stream-service against real Kafka and Elasticsearch, with real STOMP clients:
 * routing and order, authentication and origins, error storms, the catch-up endpoint, and
 * a second instance as its own JVM.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "panopticon.security.allowed-origins=http://dashboard.test",
				"panopticon.error-stream.subscription-rate-limit=50",
				"panopticon.error-stream.summary-interval=500ms" })
@RealServers({ RealServers.Server.KAFKA, RealServers.Server.ELASTICSEARCH })
@ExtendWith(OutputCaptureExtension.class)
class ErrorStreamIT {

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private static final String TOPIC = "it.errors." + RUN;

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static ErrorTopic errors;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerKafka(registry);
		TestServers.registerElasticsearch(registry);
		registry.add("panopticon.jwt.public-key", TestTokens::publicKeyPem);
		registry.add("panopticon.topics.logs-error", () -> TOPIC);
	}

	@BeforeAll
	static void topic() {
		errors = ErrorTopic.create(TOPIC, 3);
	}

	@AfterAll
	static void close() {
		errors.close();
	}

	@BeforeEach
	void streaming() throws ExecutionException {
		errors.awaitStreaming(this.port);
	}

	@Test
	void healthIsUpWithKafkaAndElasticsearch() {
		Response health = new ServiceClient(this.port).get("/actuator/health");
		assertThat(health.status()).as(health.body()).isEqualTo(200);
		assertThat(health.json().at("/components/kafka/status").asString()).isEqualTo("UP");
		assertThat(health.json().at("/components/storage/status").asString()).isEqualTo("UP");
	}

	@Test
	void prometheusIsPublicWithoutTheServersPaths() {
		Response metrics = new ServiceClient(this.port).get("/actuator/prometheus");
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes", "disk_free_bytes")
			.doesNotContain("path=\"")
			.doesNotContain(System.getProperty("user.dir"));
	}

	@Test
	void subscribersGetTheirErrorLogsOnlyAndInOrderPerService() throws ExecutionException {
		String orders = "orders-" + RUN;
		String payments = "payments-" + RUN;
		String search = "search-" + RUN;
		try (StompProbe all = StompProbe.connect(this.port, TestTokens.token("viewer"));
				StompProbe one = StompProbe.connect(this.port, TestTokens.token("admin"))) {
			Received everything = all.subscribe("/topic/error-logs", null);
			Received ordersOnly = one.subscribe("/topic/error-logs." + orders, null);
			Received paymentsProd = one.subscribe("/topic/error-logs." + payments, "prod");
			List<String> expectedOrders = new ArrayList<>();
			List<String> expectedPaymentsProd = new ArrayList<>();
			List<String> expectedSearch = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				expectedOrders.add(errors.publish(ErrorTopic.event(orders, "prod", LogLevel.ERROR, "orders " + i)));
				String environment = (i % 2 == 0) ? "prod" : "staging";
				String id = errors.publish(ErrorTopic.event(payments, environment, LogLevel.FATAL, "payments " + i));
				if (environment.equals("prod")) {
					expectedPaymentsProd.add(id);
				}
				if (i < 5) {
					expectedSearch.add(errors.publish(ErrorTopic.event(search, null, LogLevel.ERROR, "search " + i)));
				}
			}
			errors.flush();

			List<JsonNode> received = Received.errorLogs(everything.await(25, WAIT));
			assertThat(ids(received, orders)).containsExactlyElementsOf(expectedOrders);
			assertThat(ids(received, search)).containsExactlyElementsOf(expectedSearch);
			assertThat(ids(received, payments)).hasSize(10);
			assertThat(ids(ordersOnly.await(10, WAIT), null)).containsExactlyElementsOf(expectedOrders);
			assertThat(ids(paymentsProd.await(5, WAIT), null)).containsExactlyElementsOf(expectedPaymentsProd);

			JsonNode first = received.stream()
				.filter((m) -> m.path("serviceName").asString().equals(orders))
				.findFirst()
				.orElseThrow();
			assertThat(first.path("type").asString()).isEqualTo("error-log");
			assertThat(first.path("timestamp").asString())
				.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
			assertThat(first.path("environment").asString()).isEqualTo("prod");
			assertThat(first.path("level").asString()).isEqualTo("ERROR");
			assertThat(first.path("message").asString()).isEqualTo("orders 0");
			assertThat(first.has("traceId")).isTrue();
			assertThat(first.path("attributes").isObject()).isTrue();
			JsonNode noEnvironment = received.stream()
				.filter((m) -> m.path("serviceName").asString().equals(search))
				.findFirst()
				.orElseThrow();
			assertThat(noEnvironment.path("environment").isNull()).isTrue();

			// Nothing beyond what each subscription asked for arrives later.
			assertThat(ordersOnly.settle(Duration.ofMillis(700))).hasSize(10);
			assertThat(paymentsProd.settle(Duration.ofMillis(300))).hasSize(5);
		}
	}

	@Test
	void connectionsWithoutAValidViewerTokenAreRefused() {
		assertThatThrownBy(() -> StompProbe.connect(this.port, null)).isInstanceOf(ExecutionException.class);
		assertThatThrownBy(() -> StompProbe.connect(this.port, TestTokens.expired("viewer")))
			.isInstanceOf(ExecutionException.class);
		assertThatThrownBy(() -> StompProbe.connect(this.port, TestTokens.signedByOtherKey("admin")))
			.isInstanceOf(ExecutionException.class);
	}

	@Test
	void refusedConnectGetsAnErrorFrameAndIsClosed() throws IOException {
		try (RawWebSocket socket = RawWebSocket.open(this.port, null, 0)) {
			assertThat(socket.status()).isEqualTo(101);
			socket.sendFrame("CONNECT\naccept-version:1.2\nhost:127.0.0.1\n\n\0");
			String frame = socket.readMessage();
			assertThat(frame).startsWith("ERROR\n").contains("message:a viewer token is required");
			assertThat(socket.readMessage()).as("then the server closes").isNull();
		}
	}

	@Test
	void anUnknownCommandGetsAnErrorFrameNamingItAndOneLogLine(CapturedOutput output) throws IOException {
		String command = "FOO" + RUN.toUpperCase(Locale.ROOT);
		try (RawWebSocket socket = RawWebSocket.open(this.port, null, 0)) {
			assertThat(socket.status()).isEqualTo(101);
			socket.sendFrame("CONNECT\naccept-version:1.2\nhost:127.0.0.1\nAuthorization:Bearer "
					+ TestTokens.token("viewer") + "\n\n\0");
			assertThat(socket.readMessage()).startsWith("CONNECTED\n");
			socket.sendFrame(command + "\n\n\0");
			socket.sendFrame(command + "\n\n\0");
			assertThat(socket.readMessage()).startsWith("ERROR\n")
				.contains("message:unknown command '" + command + "'");
			assertThat(socket.readMessage()).as("then the server closes").isNull();
			assertThat(socket.closeCode()).as("a protocol error, not a server error (1011)").isEqualTo(1008);
		}
		assertThat(output.getAll().split("unknown command '" + command + "'", -1)).as("one log line").hasSize(2);
		assertThat(output.getAll()).doesNotContain("No enum constant");
	}

	@Test
	void handshakesFromOriginsOutsideTheAllowListAreRefused() throws IOException, ExecutionException {
		try (RawWebSocket socket = RawWebSocket.open(this.port, "http://evil.test", 0)) {
			assertThat(socket.status()).isEqualTo(403);
		}
		try (RawWebSocket socket = RawWebSocket.open(this.port, "http://a:b", 0)) {
			assertThat(socket.status()).as("an Origin that is no origin").isEqualTo(403);
		}
		try (RawWebSocket socket = RawWebSocket.open(this.port, "http://dashboard.test", 0)) {
			assertThat(socket.status()).isEqualTo(101);
		}
		assertThatThrownBy(() -> StompProbe.connect(this.port, TestTokens.token("viewer"), "http://evil.test"))
			.isInstanceOf(ExecutionException.class);
		try (StompProbe allowed = StompProbe.connect(this.port, TestTokens.token("viewer"), "http://dashboard.test")) {
			assertThat(allowed.isConnected()).isTrue();
		}
	}

	@Test
	void aStormYieldsSuppressionSummariesInsteadOfEveryEvent() throws ExecutionException {
		String storm = "storm-" + RUN;
		int events = 600;
		try (StompProbe probe = StompProbe.connect(this.port, TestTokens.token("viewer"))) {
			Received received = probe.subscribe("/topic/error-logs." + storm, null);
			Instant start = Instant.now();
			for (int i = 0; i < events; i++) {
				errors.publish(ErrorTopic.event(storm, "prod", LogLevel.ERROR, "storm " + i));
			}
			errors.flush();
			long deadline = System.nanoTime() + WAIT.toNanos();
			List<JsonNode> messages = received.settle(Duration.ofSeconds(2));
			while (delivered(messages) + suppressed(messages) < events && System.nanoTime() < deadline) {
				messages = received.settle(Duration.ofSeconds(1));
			}
			long delivered = delivered(messages);
			long suppressed = suppressed(messages);
			assertThat(delivered + suppressed).as("every event is delivered or counted").isEqualTo(events);
			assertThat(suppressed).as("the storm was summarised").isPositive();
			// A burst of 50, then 50 per second while the storm lasts.
			long seconds = Math.max(1, Duration.between(start, Instant.now()).toSeconds());
			assertThat(delivered).isLessThanOrEqualTo(50 + 50 * seconds);
			JsonNode summary = messages.stream()
				.filter((m) -> "suppressed".equals(m.path("type").asString()))
				.findFirst()
				.orElseThrow();
			assertThat(summary.path("count").asLong()).isPositive();
			assertThat(Instant.parse(summary.path("since").asString())).isAfter(start.minusSeconds(60));
		}
	}

	@Test
	void catchUpReturnsTheStreamedErrorLogsWithTheSameIds() throws Exception {
		String service = "catch-up-" + RUN;
		Instant since = Instant.now().minusSeconds(1);
		List<String> streamed;
		List<String> published = new ArrayList<>();
		try (StompProbe probe = StompProbe.connect(this.port, TestTokens.token("viewer"))) {
			Received received = probe.subscribe("/topic/error-logs." + service, null);
			List<LogEvent> logs = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				LogEvent event = new LogEvent(ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()) + i, service,
						(i == 5) ? "staging" : "prod", (i == 4) ? LogLevel.FATAL : LogLevel.ERROR, "catch-up " + i,
						null, null, Map.of("attempt", (long) i));
				logs.add(event);
				String id = errors.publish(event);
				published.add(id);
			}
			// What ingest stores for the same events (and one INFO log the endpoint
			// leaves out).
			LogEvent info = new LogEvent(logs.get(0).timestampMicros(), service, "prod", LogLevel.INFO, "not an error",
					null, null, Map.of());
			List<String> ids = new ArrayList<>(published);
			ids.add("info-" + RUN);
			List<LogEvent> documents = new ArrayList<>(logs);
			documents.add(info);
			new LogIndex(TestServers.elasticsearchUrl()).store(ids, documents);
			errors.flush();
			streamed = ids(received.await(6, WAIT), null);
		}
		assertThat(streamed).containsExactlyElementsOf(published);

		ServiceClient client = new ServiceClient(this.port);
		String viewer = TestTokens.token("viewer");
		Response all = client.get("/api/error-logs/recent?since=" + since + "&service=" + service, viewer);
		assertThat(all.status()).as(all.body()).isEqualTo(200);
		assertThat(ids(List.copyOf(toList(all.json().path("errorLogs"))), null)).containsExactlyElementsOf(streamed);
		assertThat(all.json().path("count").asInt()).isEqualTo(6);
		assertThat(all.json().path("truncated").asBoolean()).isFalse();
		JsonNode fatal = all.json().path("errorLogs").get(4);
		assertThat(fatal.path("level").asString()).isEqualTo("FATAL");
		assertThat(fatal.path("attributes").path("attempt").asLong()).isEqualTo(4);
		assertThat(fatal.path("type").asString()).isEqualTo("error-log");

		Response prodLatest = client
			.get("/api/error-logs/recent?since=" + since + "&service=" + service + "&environment=prod&limit=2", viewer);
		assertThat(prodLatest.status()).as(prodLatest.body()).isEqualTo(200);
		assertThat(ids(toList(prodLatest.json().path("errorLogs")), null))
			.containsExactlyElementsOf(streamed.subList(3, 5));
		assertThat(prodLatest.json().path("truncated").asBoolean()).isTrue();

		assertThat(client.get("/api/error-logs/recent?service=" + service).status()).isEqualTo(401);
		assertBadParameter(client.get("/api/error-logs/recent?since=yesterday", viewer), "since");
		assertBadParameter(client.get("/api/error-logs/recent?limit=0", viewer), "limit");
		assertBadParameter(client.get("/api/error-logs/recent?limit=many", viewer), "limit");
		assertBadParameter(client.get("/api/error-logs/recent?service=", viewer), "service");
	}

	@Test
	void apiDescriptionIsPublicAndEveryOperationHasARecordedExample() {
		Response description = new ServiceClient(this.port).get("/v3/api-docs");
		assertThat(description.status()).as(description.body()).isEqualTo(200);
		assertThat(description.json().path("paths").propertyNames()).containsExactly("/api/error-logs/recent");
		assertThat(ApiDescriptionChecks.missingExamples(description.json())).isEmpty();
	}

	@Test
	void twoInstancesEachServeEveryErrorLog() throws Exception {
		String service = "two-" + RUN;
		try (ServiceProcess second = ServiceProcess.builder(ServiceProcess.moduleJar("error-stream-service"))
			.property("spring.kafka.bootstrap-servers", TestServers.kafkaBootstrapServers())
			.property("spring.elasticsearch.uris", TestServers.elasticsearchUrl())
			.property("panopticon.jwt.public-key", TestTokens.publicKeyPem())
			.property("panopticon.topics.logs-error", TOPIC)
			.logFile(Path.of("target", "error-stream-second-" + RUN + ".log"))
			.start()) {
			second.awaitHealthy(Duration.ofSeconds(120));
			errors.awaitStreaming(second.port());
			try (StompProbe here = StompProbe.connect(this.port, TestTokens.token("viewer"));
					StompProbe there = StompProbe.connect(second.port(), TestTokens.token("viewer"))) {
				Received onFirst = here.subscribe("/topic/error-logs." + service, null);
				Received onSecond = there.subscribe("/topic/error-logs", null);
				List<String> published = new ArrayList<>();
				for (int i = 0; i < 20; i++) {
					published.add(errors.publish(ErrorTopic.event(service, "prod", LogLevel.ERROR, "both " + i)));
				}
				errors.flush();
				assertThat(ids(onFirst.await(20, WAIT), null)).containsExactlyElementsOf(published);
				assertThat(ids(Received.errorLogs(onSecond.await(20, WAIT)), service))
					.containsExactlyElementsOf(published);
			}
		}
	}

	private static void assertBadParameter(Response response, String parameter) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().at("/invalid-params/0/name").asString()).isEqualTo(parameter);
	}

	private static List<JsonNode> toList(JsonNode array) {
		List<JsonNode> list = new ArrayList<>();
		array.forEach(list::add);
		return list;
	}

	private static List<String> ids(List<JsonNode> messages, String service) {
		return messages.stream()
			.filter((m) -> service == null || service.equals(m.path("serviceName").asString()))
			.map((m) -> m.path("id").asString())
			.toList();
	}

	private static long delivered(List<JsonNode> messages) {
		return Received.errorLogs(messages).size();
	}

	private static long suppressed(List<JsonNode> messages) {
		return messages.stream()
			.filter((m) -> "suppressed".equals(m.path("type").asString()))
			.mapToLong((m) -> m.path("count").asLong())
			.sum();
	}

	/**
	 * Writes log documents the way ingest-service does (the layout of docs/formats.md),
	 * into the daily index of each, with the mapping of ingest's template.
	 */
	static final class LogIndex {

		private final HttpClient http = HttpClient.newHttpClient();

		private final String url;

		LogIndex(String url) {
			this.url = url;
		}

		void store(List<String> ids, List<LogEvent> events) throws IOException, InterruptedException {
			StringBuilder bulk = new StringBuilder();
			for (int i = 0; i < ids.size(); i++) {
				LogEvent event = events.get(i);
				String index = IndexFamily.LOGS.indexFor(event.timestampMicros());
				createIndex(index);
				ObjectNode document = JSON.createObjectNode();
				document.put("@timestamp", event.timestampMicros() / 1000);
				document.put("timestampMicros", event.timestampMicros());
				document.put("serviceName", event.serviceName());
				document.put("environment", event.environment());
				document.put("level", event.level().name());
				document.put("message", event.message());
				document.set("attributeMap", JSON.valueToTree(event.attributes()));
				bulk.append("{\"create\":{\"_index\":\"")
					.append(index)
					.append("\",\"_id\":\"")
					.append(ids.get(i))
					.append("\"}}\n")
					.append(JSON.writeValueAsString(document))
					.append('\n');
			}
			HttpResponse<String> response = send("POST", "/_bulk?refresh=true", bulk.toString(),
					"application/x-ndjson");
			assertThat(JSON.readTree(response.body()).path("errors").asBoolean()).as(response.body()).isFalse();
		}

		private void createIndex(String index) throws IOException, InterruptedException {
			String mapping = """
					{"mappings":{"dynamic":false,"properties":{
					 "@timestamp":{"type":"date"},"timestampMicros":{"type":"long"},
					 "serviceName":{"type":"keyword"},"environment":{"type":"keyword"},"level":{"type":"keyword"},
					 "message":{"type":"text"},"traceId":{"type":"keyword"},"spanId":{"type":"keyword"},
					 "attributeMap":{"type":"object","enabled":false}}}}""";
			HttpResponse<String> response = send("PUT", "/" + index, mapping, "application/json");
			assertThat(response.statusCode() == 200 || response.body().contains("resource_already_exists"))
				.as(response.body())
				.isTrue();
		}

		private HttpResponse<String> send(String method, String path, String body, String contentType)
				throws IOException, InterruptedException {
			return this.http.send(HttpRequest.newBuilder(URI.create(this.url + path))
				.header("Content-Type", contentType)
				.method(method, HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

	}

}
