package io.panopticon.query;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.panopticon.query.HttpProbe.Answer;
import io.panopticon.testing.RealServers;
import io.panopticon.testing.RealServers.Server;
import io.panopticon.testing.TestServers;
import io.panopticon.testing.TestTokens;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad parameters of the metrics endpoints are 400 problems naming the parameter; reads
 * need a viewer token; every handler also answers under {@code /query}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "panopticon.security.public-read=false")
@RealServers({ Server.ELASTICSEARCH, Server.REDIS })
class MetricsParametersIT {

	private static final List<String> ENDPOINTS = List.of("/api/services", "/api/services/orders/metrics",
			"/api/services/orders/endpoints", "/api/service-map");

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerElasticsearch(registry);
		TestServers.registerRedis(registry);
		registry.add("panopticon.jwt.public-key", TestTokens::publicKeyPem);
	}

	@LocalServerPort
	int port;

	@Test
	void badRangesAreRejectedByEveryEndpoint() {
		for (String endpoint : ENDPOINTS) {
			assertBadParameter(endpoint + "?range=2w", "range");
			assertBadParameter(endpoint + "?from=2026-11-22T03:00:00Z&to=2026-11-22T02:00:00Z", "from");
			assertBadParameter(endpoint + "?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z", "from");
			assertBadParameter(endpoint + "?to=yesterday", "to");
			assertBadParameter(endpoint + "?range=1h&from=1795316400000", "range");
		}
	}

	@Test
	void badSortOrderLimitAndIntervalNameTheParameter() {
		assertBadParameter("/api/services?sort=color", "sort");
		assertBadParameter("/api/services?order=sideways", "order");
		assertBadParameter("/api/services?limit=0", "limit");
		assertBadParameter("/api/services?limit=ten", "limit");
		assertBadParameter("/api/services/orders/endpoints?sort=totalRequests", "sort");
		assertBadParameter("/api/services/orders/endpoints?limit=100000", "limit");
		assertBadParameter("/api/services/orders/metrics?interval=5s", "interval");
		assertBadParameter("/api/services/orders/metrics?range=7d&interval=1m", "interval");
	}

	@Test
	void timesBeyondWhatNanosecondsHoldAreRefusedBeforeAnythingIsSizedFromThem() {
		// Once an OutOfMemoryError: fromMillis + MINUTE - 1 overflowed, and the index
		// list
		// was built for 292 million years.
		assertBadParameter("/api/services?from=9223372036854775000&to=9223372036854775807", "from");
		assertBadParameter("/api/services?from=-9223372036854775808", "from");
		assertBadParameter("/api/service-map?from=1600-01-01T00:00:00Z&to=1600-01-02T00:00:00Z", "from");
		assertBadParameter("/api/services/orders/metrics?to=2300-01-02T00:00:00Z", "to");
		// Once a 500: ChronoUnit.MICROS.between overflows beyond 2262.
		assertBadParameter("/api/spans?from=2300-01-01T00:00:00Z&to=2300-01-02T00:00:00Z", "from");
		assertBadParameter("/api/logs?from=1600-01-01T00:00:00Z&to=1600-01-02T00:00:00Z", "from");
		assertBadParameter("/api/traces?to=99999999999999999999", "to");
	}

	@Test
	void aLongSearchIsRefusedAndAnyShorterOneIsPlainText() {
		assertBadParameter("/api/services?search=" + "a".repeat(400), "search");
		assertBadParameter("/api/services?search=" + "a".repeat(101), "search");
		// Once Elasticsearch's "Determinizing automaton" refusal, a 500: the longest
		// search allowed, of letters whose case folding is widest, and wildcard and
		// escape characters that are plain text.
		String hundred = java.net.URLEncoder.encode("kKsS\u212a*?\\".repeat(10) + "\u0130".repeat(20),
				java.nio.charset.StandardCharsets.UTF_8);
		Answer answer = new HttpProbe("http://127.0.0.1:" + this.port).get("/api/services?range=7d&search=" + hundred,
				TestTokens.token("viewer"));
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.json().path("services").isArray()).isTrue();
	}

	@Test
	void aForgedCursorIsRefusedNamingIt() {
		// An unsigned cursor of the old form, whose window reached over 292 million
		// years.
		String forged = java.util.Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("{\"v\":1,\"q\":\"spans\",\"s\":\"startTime:desc\",\"f\":-9223372036854775000,"
					+ "\"t\":9223372036854775000,\"a\":[1,\"a\",\"b\",\"c\"]}")
				.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		assertBadParameter("/api/spans?cursor=" + forged, "cursor");
		assertBadParameter("/api/spans?cursor=" + forged + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "cursor");
		assertBadParameter("/api/logs?cursor=" + forged + ".x", "cursor");
	}

	@Test
	void readsNeedATokenAndAnswerUnderBothPrefixes() {
		HttpProbe http = new HttpProbe("http://127.0.0.1:" + this.port);
		for (String endpoint : ENDPOINTS) {
			assertThat(http.get(endpoint, null).status()).as(endpoint).isEqualTo(401);
			for (String path : List.of(endpoint, endpoint.replaceFirst("^/api/", "/query/"))) {
				Answer answer = http.get(path + "?range=15m", TestTokens.token("viewer"));
				assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(200);
				assertThat(answer.contentType()).startsWith("application/json");
				assertThat(answer.cache()).isEqualTo("BYPASS");
				// The map reads raw only what the markers say is not rolled up yet, and
				// other
				// tests sharing the server may have rolled up recent minutes.
				assertThat(answer.plan()).as(path)
					.matches(endpoint.equals("/api/service-map") ? "hours=0 minutes=\\d+ raw-ms=\\d+"
							: "hours=0 minutes=0 raw-ms=\\d+");
			}
		}
	}

	private void assertBadParameter(String path, String parameter) {
		Answer answer = new HttpProbe("http://127.0.0.1:" + this.port).get(path, TestTokens.token("viewer"));
		assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(400);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		JsonNode problem = answer.json();
		assertThat(problem.at("/invalid-params/0/name").asString()).as(path).isEqualTo(parameter);
		assertThat(problem.path("detail").asString()).as(path).contains(parameter);
	}

}
