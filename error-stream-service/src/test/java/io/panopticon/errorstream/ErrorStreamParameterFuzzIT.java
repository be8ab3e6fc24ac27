package io.panopticon.errorstream;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.panopticon.common.telemetry.LogEvent;
import io.panopticon.common.telemetry.LogLevel;
import io.panopticon.testing.ParameterFuzz;
import io.panopticon.testing.ParameterFuzz.Endpoint;
import io.panopticon.testing.RealServers;
import io.panopticon.testing.ServiceClient;
import io.panopticon.testing.ServiceClient.Response;
import io.panopticon.testing.TestServers;
import io.panopticon.testing.TestTokens;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catch-up endpoint under hostile parameters, against real Kafka and Elasticsearch:
 * times out of range are 400s naming {@code since}, a very old {@code since} is moved up
 * to the maximum age, and thousands of generated parameter sets ({@link ParameterFuzz})
 * never cost a 5xx, a hung request or the heap.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "panopticon.security.allowed-origins=http://dashboard.test")
@RealServers({ RealServers.Server.KAFKA, RealServers.Server.ELASTICSEARCH })
@ExtendWith(OutputCaptureExtension.class)
class ErrorStreamParameterFuzzIT {

	private static final int REQUESTS = 4_000;

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private static final String TOPIC = "it.errors.fuzz." + RUN;

	private static final String SERVICE = "fuzz-" + RUN;

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
	static void topicAndLogs() throws Exception {
		errors = ErrorTopic.create(TOPIC, 1);
		List<String> ids = new ArrayList<>();
		List<LogEvent> events = new ArrayList<>();
		long now = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
		for (int i = 0; i < 20; i++) {
			ids.add("fuzz-" + RUN + "-" + i);
			events.add(new LogEvent(now - i * 60_000_000L, SERVICE, (i % 2 == 0) ? "prod" : null,
					(i % 3 == 0) ? LogLevel.FATAL : LogLevel.ERROR, "fuzz " + i, null, null, Map.of("i", (long) i)));
		}
		new ErrorStreamIT.LogIndex(TestServers.elasticsearchUrl()).store(ids, events);
	}

	@AfterAll
	static void close() {
		errors.close();
	}

	@Test
	void sinceIsATimeFrom1678To2262AndAVeryOldOneIsMovedUpToTheMaximumAge() {
		ServiceClient client = new ServiceClient(this.port);
		String viewer = TestTokens.token("viewer");
		// Once 500s: ChronoUnit.MICROS.between overflows outside 1677-2262.
		for (String since : List.of("1600-01-01T00:00:00Z", "2300-01-01T00:00:00Z", "9223372036854775807",
				"-999999999-01-01T00:00:00Z", "99999999999999999999")) {
			Response response = client.get("/api/error-logs/recent?since=" + since, viewer);
			assertThat(response.status()).as(since + ": " + response.body()).isEqualTo(400);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.json().at("/invalid-params/0/name").asString()).isEqualTo("since");
		}
		// Once no lower bound: every daily index since 1970 was named.
		Response old = client.get("/api/error-logs/recent?since=1970-01-01T00:00:00Z&service=" + SERVICE, viewer);
		assertThat(old.status()).as(old.body()).isEqualTo(200);
		Instant since = Instant.parse(old.json().path("since").asString());
		assertThat(since).isBetween(Instant.now().minus(Duration.ofDays(7)).minusSeconds(600),
				Instant.now().minus(Duration.ofDays(7)).plusSeconds(600));
		assertThat(old.json().path("count").asInt()).isEqualTo(20);
		Response epochMillis = client.get("/api/error-logs/recent?since="
				+ Instant.now().minus(Duration.ofMinutes(30)).toEpochMilli() + "&service=" + SERVICE, viewer);
		assertThat(epochMillis.status()).as(epochMillis.body()).isEqualTo(200);
		assertThat(epochMillis.json().path("count").asInt()).isBetween(1, 20);
	}

	@Test
	void aPlainGetOfTheWebSocketEndpointIsAProblemSayingHowToConnect() {
		// Once a text/plain 400 from the handshake.
		Response response = new ServiceClient(this.port).get("/ws/error-logs");
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().path("detail").asString()).contains("WebSocket");
	}

	@Test
	void generatedParametersNeverFailTheService(CapturedOutput output) {
		long seed = Long.getLong("panopticon.fuzz.seed", System.nanoTime());
		System.out.println("Fuzz seed " + seed);
		ParameterFuzz fuzz = ParameterFuzz.against("http://127.0.0.1:" + this.port)
			.token(TestTokens.token("viewer"))
			// The WebSocket endpoint's refusal of a plain GET is a protocol's, not a
			// parameter's: the test above.
			.endpoints(Endpoint.of("/api/error-logs/recent", "since", "service", "environment", "limit"),
					Endpoint.of("/actuator/health"))
			.valid("since",
					List.of(Instant.now().minus(Duration.ofMinutes(30)).toString(), "2025-11-21T09:30:00+02:00",
							Long.toString(Instant.now().minus(Duration.ofHours(2)).toEpochMilli())))
			.valid("service", List.of(SERVICE))
			.valid("environment", List.of("prod", "staging"))
			.valid("limit", List.of("1", "5", "100", "1000"))
			.build();

		ParameterFuzz.Report report = fuzz.run(REQUESTS, 4, seed, Duration.ofSeconds(45));

		System.out.println("Fuzz seed " + seed + ": " + report);
		assertThat(report.failures()).as("answers a careful service does not give").isEmpty();
		assertThat(report.statuses()).as("some parameter sets are valid, most are not").containsKeys(200, 400, 401);
		assertThat(new ServiceClient(this.port).get("/actuator/health").status()).isEqualTo(200);
		assertThat(output.getAll()).doesNotContain("OutOfMemoryError").doesNotContain("Request failed unexpectedly");
	}

}
