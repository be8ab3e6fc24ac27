package io.panopticon.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.panopticon.testing.ApiDescriptionChecks;
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

/**
 * The raw searches end to end against real Elasticsearch, over spans and log events
 * produced to Kafka and indexed by ingest-service: a trace by id with its links, timing
 * and logs, truncation and 404; root-span search with its filters and cursor paging over
 * many pages; span and log search; the traces of an endpoint; bad parameters; and the
 * OpenAPI description. Expected results are computed here from the generated data.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "panopticon.security.public-read=false", "panopticon.query.search.max-trace-spans=50" })
@RealServers({ RealServers.Server.KAFKA, RealServers.Server.ELASTICSEARCH, RealServers.Server.REDIS })
class RawSearchIT {

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private static final String GATEWAY = "gateway-" + RUN;

	private static final String ORDERS = "orders-" + RUN;

	private static final String PAYMENTS = "payments-" + RUN;

	private static final String PAGER = "pager-" + RUN;

	private static final String SHOP = "shop-" + RUN;

	private static final String LOGGER = "logger-" + RUN;

	private static final int PAGER_TRACES = 45;

	private static final int LOGGER_EVENTS = 30;

	private static final int BIG_TRACE_SPANS = 60;

	private static final String[] LEVELS = { "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "INFO" };

	private static final Path EXAMPLES = Path.of("target", "api-examples");

	/**
	 * Start of the newest data, a little in the past so that every default window holds
	 * it.
	 */
	private static long base;

	private static String waterfallTrace;

	private static String sharedSpanId;

	private static String paymentsSpanId;

	private static String bigTrace;

	private static String oldTrace;

	private static long oldStart;

	private static final List<ObjectNode> pagerRoots = new ArrayList<>();

	private static final List<ObjectNode> shopRequests = new ArrayList<>();

	private static final List<ObjectNode> loggerEvents = new ArrayList<>();

	private static IngestedTelemetry telemetry;

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
	static void ingest() {
		telemetry = IngestedTelemetry.start(RUN);
		base = micros(Instant.now().minus(3, ChronoUnit.MINUTES));
		sendWaterfallTrace();
		sendBigTrace();
		sendPagerTraces();
		sendShopRequests();
		sendLoggerEvents();
		sendOldTrace();
		long spans = 6 + BIG_TRACE_SPANS + PAGER_TRACES + 5 + shopRequests.size() + 1 + 1;
		assertThat(telemetry.awaitCount("traces-apm-*", "serviceName:*" + RUN, spans, Duration.ofMinutes(2)))
			.isEqualTo(spans);
		long logs = 3 + LOGGER_EVENTS;
		assertThat(telemetry.awaitCount("logs-apm-*", "serviceName:*" + RUN, logs, Duration.ofMinutes(2)))
			.isEqualTo(logs);
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

	// ---- trace by id

	@Test
	void traceByIdIsLinkedTimedAndCarriesItsLogs() {
		JsonNode trace = example("trace", "/api/traces/" + waterfallTrace.toUpperCase());
		assertThat(trace.path("traceId").asString()).isEqualTo(waterfallTrace);
		assertThat(trace.path("spanCount").asInt()).isEqualTo(6);
		assertThat(trace.path("truncated").asBoolean()).isFalse();
		assertThat(trace.path("errorCount").asInt()).isEqualTo(1);
		assertThat(trace.path("duration").asDouble()).isEqualTo(20.0);
		assertThat(trace.path("startTime").asString())
			.isEqualTo(Instant.EPOCH.plus(base, ChronoUnit.MICROS).toString());
		assertThat(trace.path("rootService").asString()).isEqualTo(GATEWAY);
		assertThat(texts(trace.path("services"))).containsExactlyInAnyOrder(GATEWAY, ORDERS, PAYMENTS);
		JsonNode spans = trace.path("spans");
		// gateway server > gateway client > orders server (same span id) > two orders
		// clients, the second calling payments.
		assertThat(spans.findValuesAsString("name")).containsExactly("GET /orders/{id}", "GET orders",
				"GET /orders/{id}", "SELECT orders", "POST /pay", "POST /pay");
		assertThat(spans.findValuesAsString("serviceName")).containsExactly(GATEWAY, GATEWAY, ORDERS, ORDERS, ORDERS,
				PAYMENTS);
		assertThat(ints(spans, "depth")).containsExactly(0, 1, 2, 3, 3, 4);
		assertThat(ints(spans, "offset")).containsExactly(0, 1, 2, 3, 6, 7);
		assertThat(spans.get(0).has("parent")).isFalse();
		assertThat(spans.get(2).path("parent").asInt()).isEqualTo(1);
		assertThat(texts(spans.get(2).path("children"))).containsExactly("3", "4");
		assertThat(spans.get(5).path("parent").asInt()).isEqualTo(4);
		assertThat(spans.get(5).path("error").asBoolean()).isTrue();
		assertThat(spans.get(5).at("/status/message").asString()).isEqualTo("card declined");
		assertThat(spans.get(5).path("duration").asDouble()).isEqualTo(4.0);
		assertThat(spans.get(0).at("/attributes/region").asString()).isEqualTo("eu-1");
		JsonNode logs = trace.path("logs");
		assertThat(trace.path("logCount").asInt()).isEqualTo(3);
		assertThat(logs.findValuesAsString("message")).containsExactly("loading order", "calling payments",
				"card declined by issuer");
		// The shared span id resolves to the span of the event's own service.
		assertThat(ints(logs, "span")).containsExactly(2, 1, 5);
		assertThat(logs.get(2).path("offset").asDouble()).isEqualTo(8.5);

		Response alias = this.client.get("/query/traces/" + waterfallTrace, TestTokens.token("viewer"));
		assertThat(alias.status()).isEqualTo(200);
		assertThat(alias.json()).isEqualTo(trace);

		// Seed 002's optional filters: the service's (and environment's) share of the
		// trace.
		JsonNode ordersPart = get("/query/traces/" + waterfallTrace + "?service=" + ORDERS + "&environment=prod");
		assertThat(ordersPart.path("spans").findValuesAsString("serviceName")).containsExactly(ORDERS, ORDERS, ORDERS);
		assertThat(ordersPart.path("spanCount").asInt()).isEqualTo(3);
		assertThat(ordersPart.path("logs").findValuesAsString("message")).containsExactly("loading order");
		Response staging = this.client.get("/api/traces/" + waterfallTrace + "?environment=staging",
				TestTokens.token("viewer"));
		assertThat(staging.status()).isEqualTo(404);
		assertThat(staging.json().path("detail").asString()).endsWith("with environment staging");
	}

	@Test
	void longTraceIsCappedAtTheEarliestSpans() {
		JsonNode trace = get("/api/traces/" + bigTrace);
		assertThat(trace.path("truncated").asBoolean()).isTrue();
		assertThat(trace.path("spanCount").asInt()).isEqualTo(BIG_TRACE_SPANS);
		assertThat(trace.path("spans").size()).isEqualTo(50);
		assertThat(ints(trace.path("spans"), "offset")).isSorted().startsWith(0, 1, 2).endsWith(49);
		// The figures of the whole trace stay exact.
		assertThat(trace.path("duration").asDouble()).isEqualTo(BIG_TRACE_SPANS - 1 + 1.0);
	}

	@Test
	void unknownTraceIsA404ProblemAndABadIdA400NamingIt() {
		Response unknown = this.client.get("/api/traces/" + hex(32), TestTokens.token("viewer"));
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.contentType()).startsWith("application/problem+json");
		assertThat(unknown.json().path("detail").asString()).startsWith("no trace ");
		assertInvalid("/api/traces/not-a-trace-id", "traceId");
		assertInvalid("/api/traces/" + "0".repeat(32), "traceId");
	}

	@Test
	void traceFromDaysAgoIsFoundByIdAndByAnExplicitWindow() {
		assertThat(get("/api/traces/" + oldTrace).path("spanCount").asInt()).isEqualTo(1);
		JsonNode acrossServices = example("traces-across-services", "/api/traces?service=" + GATEWAY + "&range=7d");
		assertThat(acrossServices.path("items").findValuesAsString("traceId")).containsExactly(waterfallTrace,
				oldTrace);
		// Each listed trace carries the figures of the whole trace.
		JsonNode waterfall = acrossServices.at("/items/0");
		assertThat(waterfall.path("spanCount").asInt()).isEqualTo(6);
		assertThat(waterfall.path("errorCount").asInt()).isEqualTo(1);
		assertThat(texts(waterfall.path("services"))).containsExactlyInAnyOrder(GATEWAY, ORDERS, PAYMENTS);
		assertThat(acrossServices.at("/items/1/spanCount").asInt()).isEqualTo(1);
		assertThat(get("/api/traces?service=" + GATEWAY + "&range=1h").path("items").findValuesAsString("traceId"))
			.containsExactly(waterfallTrace);
		Instant old = Instant.EPOCH.plus(oldStart, ChronoUnit.MICROS);
		JsonNode window = get("/api/traces?service=" + GATEWAY + "&from=" + old.minusSeconds(60) + "&to="
				+ old.plusSeconds(60).toEpochMilli());
		assertThat(window.path("items").findValuesAsString("traceId")).containsExactly(oldTrace);
	}

	// ---- root-span search

	@Test
	void rootSpanSearchPagesThroughEveryTraceOnceNewestFirst() {
		List<JsonNode> items = pages("/api/services/" + PAGER + "/traces?range=1h&limit=7", 7);
		assertThat(items).hasSize(PAGER_TRACES);
		assertThat(items.stream().map((item) -> item.path("traceId").asString()).distinct().count())
			.isEqualTo(PAGER_TRACES);
		assertThat(items.stream().map((item) -> item.path("traceId").asString()).toList())
			.containsExactlyInAnyOrderElementsOf(
					pagerRoots.stream().map((span) -> span.path("traceId").asString()).toList());
		assertThat(items.stream().map((item) -> Instant.parse(item.path("startTime").asString())).toList())
			.isSortedAccordingTo(Comparator.reverseOrder());
		assertThat(items).allSatisfy((item) -> assertThat(item.path("serviceName").asString()).isEqualTo(PAGER));
		// Every ninth trace has a child span.
		assertThat(items.stream().filter((item) -> item.path("spanCount").asInt() == 2).count()).isEqualTo(5);
		assertThat(items.stream().filter((item) -> item.path("spanCount").asInt() == 1).count())
			.isEqualTo(PAGER_TRACES - 5);
	}

	@Test
	void rootSpanSearchSortsByDurationAcrossPages() {
		List<JsonNode> items = pages("/api/traces?service=" + PAGER + "&range=1h&sort=duration&order=asc&limit=10", 10);
		List<Double> durations = items.stream().map((item) -> item.path("duration").asDouble()).toList();
		assertThat(durations).hasSize(PAGER_TRACES).isSorted();
		assertThat(durations).doesNotHaveDuplicates();
		assertThat(durations.get(0)).isEqualTo(1.0);
		assertThat(durations.get(PAGER_TRACES - 1)).isEqualTo(45.0);
	}

	@Test
	void rootSpanSearchFilters() {
		String traces = "/api/services/" + PAGER + "/traces?range=1h&limit=100";
		assertThat(count(traces + "&status=ERROR")).isEqualTo(expectedRoots((i) -> i % 5 == 0));
		assertThat(count(traces + "&status=ok,unset")).isEqualTo(expectedRoots((i) -> i % 5 != 0));
		assertThat(count(traces + "&error=true")).isEqualTo(expectedRoots((i) -> i % 5 == 0));
		assertThat(count(traces + "&minDuration=10&maxDuration=20"))
			.isEqualTo(expectedRoots((i) -> pagerDuration(i) >= 10 && pagerDuration(i) <= 20));
		assertThat(count(traces + "&minDuration=44.5")).isEqualTo(1);
		assertThat(count(traces + "&attr=region:eu-1")).isEqualTo(expectedRoots((i) -> i % 3 == 0));
		assertThat(count(traces + "&attr=region:eu-1&attr=tier:gold"))
			.isEqualTo(expectedRoots((i) -> i % 3 == 0 && i % 2 == 0));
		assertThat(count(traces + "&attr=tier")).isEqualTo(expectedRoots((i) -> i % 2 == 0));
		assertThat(count(traces + "&environment=staging")).isEqualTo(expectedRoots((i) -> i % 4 == 3));
		// Child spans of the same service are not roots.
		assertThat(count("/api/spans?service=" + PAGER + "&range=1h&limit=100")).isEqualTo(PAGER_TRACES + 5);
		example("traces", "/api/services/" + PAGER + "/traces?range=1h&status=ERROR&minDuration=5&limit=2");
	}

	// ---- spans and logs

	@Test
	void spanSearchFilters() {
		String trace = "/api/spans?traceId=" + waterfallTrace;
		assertThat(names(trace)).hasSize(6);
		assertThat(names(trace + "&kind=CLIENT")).containsExactlyInAnyOrder("GET orders", "SELECT orders", "POST /pay");
		assertThat(names(trace + "&kind=server&kind=CLIENT")).hasSize(6);
		assertThat(names(trace + "&parentSpanId=" + sharedSpanId.toUpperCase()))
			.containsExactlyInAnyOrder("SELECT orders", "POST /pay");
		assertThat(names(trace + "&spanId=" + paymentsSpanId)).containsExactly("POST /pay");
		assertThat(names(trace + "&error=true")).containsExactly("POST /pay");
		assertThat(names(trace + "&status=ERROR&service=" + PAYMENTS)).containsExactly("POST /pay");
		assertThat(names(trace + "&minDuration=12")).containsExactly("GET /orders/{id}", "GET orders",
				"GET /orders/{id}");
		assertThat(names(trace + "&maxDuration=4&sort=duration&order=asc")).containsExactly("SELECT orders",
				"POST /pay");
		assertThat(names(trace + "&attr=host.name:orders-1")).containsExactly("GET /orders/{id}");
		assertThat(names("/api/spans?service=" + ORDERS + "&name=SELECT%20orders&environment=prod"))
			.containsExactly("SELECT orders");
		assertThat(names("/api/spans?service=" + ORDERS + "&endpoint=" + encode("GET /orders/{id}")))
			.containsExactly("GET /orders/{id}");
		assertThat(names(trace + "&range=15m")).hasSize(6);
		example("spans", "/api/spans?traceId=" + waterfallTrace + "&service=" + PAYMENTS);
	}

	@Test
	void spanSearchPagesWithoutDuplicatesOrGaps() {
		List<JsonNode> items = pages("/api/spans?service=" + PAGER + "&range=1h&limit=9", 9);
		assertThat(items).hasSize(PAGER_TRACES + 5);
		assertThat(items.stream().map((item) -> item.path("spanId").asString()).distinct().count())
			.isEqualTo(PAGER_TRACES + 5);
	}

	@Test
	void logSearchPagesThroughEventsWithEqualTimestampsOnce() {
		List<JsonNode> items = pages("/api/logs?service=" + LOGGER + "&range=1h&limit=4", 4);
		assertThat(items).hasSize(LOGGER_EVENTS);
		assertThat(items.stream().map((item) -> item.path("message").asString()).distinct().count())
			.isEqualTo(LOGGER_EVENTS);
		assertThat(items.stream().map((item) -> Instant.parse(item.path("timestamp").asString())).toList())
			.isSortedAccordingTo(Comparator.reverseOrder());
		List<JsonNode> ascending = pages("/api/logs?service=" + LOGGER + "&range=1h&limit=7&order=asc", 7);
		assertThat(ascending.stream().map((item) -> item.path("message").asString()).toList())
			.containsExactlyInAnyOrderElementsOf(
					items.stream().map((item) -> item.path("message").asString()).toList());
	}

	@Test
	void logSearchFilters() {
		String logs = "/api/logs?service=" + LOGGER + "&range=1h&limit=100";
		assertThat(count(logs)).isEqualTo(LOGGER_EVENTS);
		assertThat(count(logs + "&minLevel=warn"))
			.isEqualTo(expectedLogs((i) -> List.of("WARN", "ERROR", "FATAL").contains(LEVELS[i % LEVELS.length])));
		assertThat(count(logs + "&level=ERROR&level=FATAL"))
			.isEqualTo(expectedLogs((i) -> List.of("ERROR", "FATAL").contains(LEVELS[i % LEVELS.length])));
		assertThat(count(logs + "&level=INFO,ERROR&minLevel=ERROR"))
			.isEqualTo(expectedLogs((i) -> LEVELS[i % LEVELS.length].equals("ERROR")));
		assertThat(count(logs + "&message=" + encode("timeout payment"))).isEqualTo(expectedLogs((i) -> i % 4 == 0));
		assertThat(count(logs + "&attr=tenant:t1")).isEqualTo(expectedLogs((i) -> i % 2 == 1));
		assertThat(count(logs + "&message=good&attr=tenant:t0")).isEqualTo(expectedLogs((i) -> i % 4 == 2));
		assertThat(count(logs + "&environment=prod")).isEqualTo(LOGGER_EVENTS);
		JsonNode traceLogs = get("/api/logs?traceId=" + waterfallTrace + "&order=asc");
		assertThat(traceLogs.path("items").findValuesAsString("message")).containsExactly("loading order",
				"calling payments", "card declined by issuer");
		assertThat(get("/api/logs?traceId=" + waterfallTrace + "&spanId=" + paymentsSpanId).path("items")
			.findValuesAsString("message")).containsExactly("card declined by issuer");
		example("logs", "/api/logs?service=" + LOGGER + "&minLevel=ERROR&message=payment&limit=2");
	}

	// ---- endpoint traces

	@Test
	void endpointTracesListTheLatestErrorsAndTheSlowestRequests() {
		String endpoint = "GET /items/{id}";
		JsonNode answer = example("endpoint-traces",
				"/api/services/" + SHOP + "/endpoints/traces?range=1h&limit=3" + "&endpoint=" + encode(endpoint));
		assertThat(answer.path("endpoint").asString()).isEqualTo(endpoint);
		List<ObjectNode> errors = shopRequests.stream()
			.filter((span) -> span.path("httpStatusCode").asInt() >= 500)
			.sorted(Comparator.comparingLong((ObjectNode span) -> span.path("startTime").asLong()).reversed())
			.limit(3)
			.toList();
		assertThat(answer.path("errors").findValuesAsString("spanId"))
			.containsExactlyElementsOf(errors.stream().map((span) -> span.path("spanId").asString()).toList());
		List<ObjectNode> slowest = shopRequests.stream()
			.sorted(Comparator.comparingLong((ObjectNode span) -> span.path("durationMicros").asLong()).reversed())
			.limit(3)
			.toList();
		assertThat(answer.path("slow").findValuesAsString("spanId"))
			.containsExactlyElementsOf(slowest.stream().map((span) -> span.path("spanId").asString()).toList());
		assertThat(answer.path("slow").get(0).path("spanCount").asInt()).isEqualTo(1);
		assertThat(texts(answer.path("errors").get(0).path("services"))).containsExactly(SHOP);
		JsonNode slowOnly = get(
				"/api/services/" + SHOP + "/endpoints/traces?range=1h&minDuration=1000&endpoint=" + encode(endpoint));
		assertThat(slowOnly.path("slow")).isEmpty();
		assertInvalid("/api/services/" + SHOP + "/endpoints/traces", "endpoint");
	}

	@Test
	void endpointTracesAnswerForTheEncodedEndpointNameInThePath() {
		String endpoint = "GET /items/{id}";
		JsonNode byParameter = get(
				"/api/services/" + SHOP + "/endpoints/traces?range=1h&limit=3" + "&endpoint=" + encode(endpoint));
		assertThat(byParameter.path("errors")).isNotEmpty();
		for (String prefix : List.of("/api", "/query")) {
			// GET%20%2Fitems%2F%7Bid%7D: the encoded slashes stay inside the segment.
			JsonNode byPath = get(
					prefix + "/services/" + SHOP + "/endpoints/" + encode(endpoint) + "/traces?range=1h&limit=3");
			assertThat(byPath.path("endpoint").asString()).isEqualTo(endpoint);
			assertThat(byPath.path("errors")).as(prefix).isEqualTo(byParameter.path("errors"));
			assertThat(byPath.path("slow")).as(prefix).isEqualTo(byParameter.path("slow"));
		}
		JsonNode none = get(
				"/query/services/" + SHOP + "/endpoints/" + encode("DELETE /items/{id}") + "/traces?range=1h");
		assertThat(none.path("errors").isArray()).isTrue();
		assertThat(none.path("errors")).isEmpty();
		assertThat(none.path("slow").isArray()).isTrue();
		assertThat(none.path("slow")).isEmpty();
	}

	// ---- parameters, security, description

	@Test
	void badParametersAre400ProblemsNamingTheParameter() {
		assertInvalid("/api/spans?kind=SERVERS", "kind", "[SERVER, CLIENT, PRODUCER, CONSUMER, INTERNAL]");
		example("problem", "/api/spans?kind=SERVERS", 400);
		assertInvalid("/api/traces?status=FAILED", "status", "[UNSET, OK, ERROR]");
		assertInvalid("/api/logs?level=LOUD", "level", "[TRACE, DEBUG, INFO, WARN, ERROR, FATAL]");
		assertInvalid("/api/traces?sort=name", "sort", "[startTime, duration]");
		assertInvalid("/api/logs?sort=level", "sort", "[timestamp]");
		assertInvalid("/api/spans?order=up", "order", "[asc, desc]");
		assertInvalid("/api/spans?limit=0", "limit", "from 1 to 1000");
		assertInvalid("/api/spans?limit=many", "limit", "from 1 to 1000");
		assertInvalid("/api/spans?minDuration=-3", "minDuration", "milliseconds");
		assertInvalid("/api/spans?minDuration=9&maxDuration=3", "minDuration", "maxDuration");
		assertInvalid("/api/spans?range=2w", "range", "[15m, 1h, 6h, 24h, 7d]");
		assertInvalid("/api/logs?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "from", "before");
		assertInvalid("/api/logs?from=yesterday", "from", "ISO-8601");
		assertInvalid("/api/spans?traceId=xyz", "traceId", "hexadecimal");
		assertInvalid("/api/logs?spanId=123", "spanId", "hexadecimal");
		assertInvalid("/api/spans?attr=:eu-1", "attr", "key:value");
		assertInvalid("/api/spans?error=maybe", "error", "true or false");
		assertInvalid("/api/logs?cursor=bm90LWEtY3Vyc29y", "cursor", "not a cursor");
		assertInvalid("/api/spans?page=2", "page", "nextCursor as cursor");
		String spansCursor = get("/api/spans?service=" + PAGER + "&range=1h&limit=2").path("nextCursor").asString();
		assertInvalid("/api/logs?cursor=" + spansCursor, "cursor", "another search or sort");
		assertInvalid("/api/spans?sort=duration&cursor=" + spansCursor, "cursor", "another search or sort");
	}

	@Test
	void readsNeedAViewerToken() {
		assertThat(this.client.get("/api/traces/" + waterfallTrace).status()).isEqualTo(401);
		assertThat(this.client.get("/api/spans").status()).isEqualTo(401);
		assertThat(this.client.get("/api/logs", TestTokens.tampered("viewer")).status()).isEqualTo(401);
		assertThat(this.client.get("/api/logs", TestTokens.token("viewer")).status()).isEqualTo(200);
	}

	@Test
	void openApiDescriptionIsPublicAndCoversEveryQueryEndpoint() {
		Response description = this.client.get("/v3/api-docs");
		assertThat(description.status()).isEqualTo(200);
		JsonNode paths = description.json().path("paths");
		assertThat(paths.propertyNames()).contains("/api/traces/{traceId}", "/api/traces",
				"/api/services/{name}/traces", "/api/services/{name}/endpoints/traces",
				"/api/services/{name}/endpoints/{endpoint}/traces", "/api/spans", "/api/logs", "/api/services",
				"/api/services/{name}/metrics", "/api/services/{name}/endpoints", "/api/service-map");
		assertThat(paths.propertyNames()).noneMatch((path) -> path.startsWith("/query/") || path.equals("/error"));
		assertThat(ApiDescriptionChecks.missingExamples(description.json())).isEmpty();
		assertThat(paths.at("/~1api~1spans/get/parameters").findValuesAsString("name")).contains("service", "kind",
				"minDuration", "attr", "cursor");
		assertThat(paths.at("/~1api~1traces~1{traceId}/get/responses/404").isMissingNode()).isFalse();
		Response yaml = this.client.get("/v3/api-docs.yaml");
		assertThat(yaml.status()).isEqualTo(200);
		assertThat(yaml.body()).contains("/api/services/{name}/endpoints/traces:");
	}

	// ---- the data

	private static void sendWaterfallTrace() {
		waterfallTrace = hex(32);
		String root = hex(16);
		sharedSpanId = hex(16);
		String paymentsCall = hex(16);
		paymentsSpanId = hex(16);
		ObjectNode gateway = span(waterfallTrace, root, null, "GET /orders/{id}", "SERVER", GATEWAY, base, 20_000);
		http(gateway, "GET", "/orders/{id}", 200);
		gateway.putObject("attributes").put("region", "eu-1");
		ObjectNode gatewayCall = span(waterfallTrace, sharedSpanId, root, "GET orders", "CLIENT", GATEWAY, base + 1000,
				15_000)
			.put("peerService", "orders");
		// Zipkin-style: the orders server span shares the id of the gateway's client
		// span.
		ObjectNode orders = span(waterfallTrace, sharedSpanId, root, "GET /orders/{id}", "SERVER", ORDERS, base + 2000,
				12_000);
		http(orders, "GET", "/orders/{id}", 200);
		orders.putObject("resource").put("host.name", "orders-1");
		ObjectNode query = span(waterfallTrace, hex(16), sharedSpanId, "SELECT orders", "CLIENT", ORDERS, base + 3000,
				2_000)
			.put("peerService", "postgres");
		ObjectNode pay = span(waterfallTrace, paymentsCall, sharedSpanId, "POST /pay", "CLIENT", ORDERS, base + 6000,
				6_000)
			.put("peerService", "payments");
		ObjectNode payments = span(waterfallTrace, paymentsSpanId, paymentsCall, "POST /pay", "SERVER", PAYMENTS,
				base + 7000, 4_000);
		http(payments, "POST", "/pay", 502);
		payments.putObject("status").put("code", "ERROR").put("message", "card declined");
		telemetry.sendSpans(List.of(pay, payments, gateway, query, orders, gatewayCall));
		telemetry.sendLogs(List.of(log(ORDERS, base + 2500, "INFO", "loading order", waterfallTrace, sharedSpanId),
				log(GATEWAY, base + 4000, "INFO", "calling payments", waterfallTrace, sharedSpanId),
				log(PAYMENTS, base + 8500, "ERROR", "card declined by issuer", waterfallTrace, paymentsSpanId)));
	}

	private static void sendBigTrace() {
		bigTrace = hex(32);
		String root = hex(16);
		List<ObjectNode> spans = new ArrayList<>();
		spans.add(span(bigTrace, root, null, "batch", "INTERNAL", "batch-" + RUN, base, 1000));
		for (int i = 1; i < BIG_TRACE_SPANS; i++) {
			spans.add(span(bigTrace, hex(16), root, "step " + i, "INTERNAL", "batch-" + RUN, base + i * 1000L, 1000));
		}
		telemetry.sendSpans(spans);
	}

	private static void sendPagerTraces() {
		for (int i = 0; i < PAGER_TRACES; i++) {
			String trace = hex(32);
			String root = hex(16);
			// Pairs of traces start at the same microsecond: paging must not lose one.
			long start = base - (i / 2) * 2_000_000L;
			ObjectNode span = span(trace, root, null, "GET /page", "SERVER", PAGER, start, pagerDuration(i) * 1000L);
			span.put("environment", (i % 4 == 3) ? "staging" : "prod");
			span.putObject("status").put("code", (i % 5 == 0) ? "ERROR" : (i % 2 == 0) ? "OK" : "UNSET");
			ObjectNode attributes = span.putObject("attributes").put("region", (i % 3 == 0) ? "eu-1" : "us-1");
			if (i % 2 == 0) {
				attributes.put("tier", "gold");
			}
			pagerRoots.add(span);
			List<ObjectNode> spans = new ArrayList<>(List.of(span));
			if (i % 9 == 0) {
				spans.add(span(trace, hex(16), root, "SELECT page", "CLIENT", PAGER, start + 100, 50));
			}
			telemetry.sendSpans(spans);
		}
	}

	private static void sendShopRequests() {
		for (int i = 0; i < 12; i++) {
			ObjectNode span = span(hex(32), hex(16), null, "GET /items/{id}", "SERVER", SHOP, base - i * 1_000_000L,
					(5 + (i * 5) % 12) * 1000L);
			http(span, "GET", "/items/{id}", (i % 3 == 1) ? 503 : 200);
			shopRequests.add(span);
			telemetry.sendSpans(List.of(span));
		}
		// A client span naming the same route is not a request of the endpoint.
		ObjectNode call = span(hex(32), hex(16), null, "GET /items/{id}", "CLIENT", SHOP, base, 900_000);
		http(call, "GET", "/items/{id}", 500);
		telemetry.sendSpans(List.of(call));
	}

	private static void sendLoggerEvents() {
		List<ObjectNode> events = new ArrayList<>();
		for (int i = 0; i < LOGGER_EVENTS; i++) {
			// Three events share each timestamp.
			ObjectNode event = log(LOGGER, base - (i / 3) * 1_000_000L, LEVELS[i % LEVELS.length],
					"event " + i + ((i % 4 == 0) ? " payment timeout" : " all good"), null, null);
			event.putObject("attributes").put("tenant", "t" + (i % 2));
			loggerEvents.add(event);
			events.add(event);
		}
		telemetry.sendLogs(events);
	}

	private static void sendOldTrace() {
		oldTrace = hex(32);
		oldStart = micros(Instant.now().minus(2, ChronoUnit.DAYS));
		telemetry.sendSpans(List.of(span(oldTrace, hex(16), null, "GET /old", "SERVER", GATEWAY, oldStart, 3000)));
	}

	private static int pagerDuration(int i) {
		// A permutation of 1..45: every duration differs.
		return (i * 7) % PAGER_TRACES + 1;
	}

	private static long expectedRoots(Predicate<Integer> condition) {
		return IntStream.range(0, PAGER_TRACES).filter(condition::test).count();
	}

	private static long expectedLogs(Predicate<Integer> condition) {
		return IntStream.range(0, LOGGER_EVENTS).filter(condition::test).count();
	}

	private static ObjectNode span(String traceId, String spanId, String parentSpanId, String name, String kind,
			String service, long startMicros, long durationMicros) {
		ObjectNode span = IngestedTelemetry.JSON.createObjectNode();
		span.put("traceId", traceId).put("spanId", spanId);
		if (parentSpanId != null) {
			span.put("parentSpanId", parentSpanId);
		}
		return span.put("name", name)
			.put("kind", kind)
			.put("serviceName", service)
			.put("environment", "prod")
			.put("startTime", startMicros)
			.put("durationMicros", durationMicros);
	}

	private static void http(ObjectNode span, String method, String route, int status) {
		span.put("httpMethod", method).put("httpRoute", route).put("httpStatusCode", status);
	}

	private static ObjectNode log(String service, long timestampMicros, String level, String message, String traceId,
			String spanId) {
		ObjectNode log = IngestedTelemetry.JSON.createObjectNode()
			.put("timestamp", timestampMicros)
			.put("serviceName", service)
			.put("environment", "prod")
			.put("level", level)
			.put("message", message);
		if (traceId != null) {
			log.put("traceId", traceId).put("spanId", spanId);
		}
		return log;
	}

	// ---- helpers

	private JsonNode get(String path) {
		Response response = this.client.get(path, TestTokens.token("viewer"));
		assertThat(response.status()).as(path + " " + response.body()).isEqualTo(200);
		return response.json();
	}

	/** Answers a request and keeps it as an example for docs/api.md. */
	private JsonNode example(String name, String path) {
		return example(name, path, 200);
	}

	private JsonNode example(String name, String path, int status) {
		Response response = this.client.get(path, TestTokens.token("viewer"));
		assertThat(response.status()).as(path + " " + response.body()).isEqualTo(status);
		try {
			Files.createDirectories(EXAMPLES);
			Files.writeString(EXAMPLES.resolve(name + ".txt"), "GET " + path + "\n\n" + response.status() + " "
					+ response.contentType() + "\n\n" + response.json().toPrettyString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return response.json();
	}

	/** Follows nextCursor to the last page and returns every item. */
	private List<JsonNode> pages(String firstPage, int limit) {
		List<JsonNode> items = new ArrayList<>();
		Set<String> cursors = new HashSet<>();
		JsonNode page = get(firstPage);
		while (true) {
			assertThat(page.path("items").size()).isLessThanOrEqualTo(limit);
			page.path("items").forEach(items::add);
			JsonNode next = page.path("nextCursor");
			if (next.isNull()) {
				assertThat(page.path("items").size()).isPositive();
				return items;
			}
			assertThat(page.path("items").size()).isEqualTo(limit);
			assertThat(cursors.add(next.asString())).isTrue();
			page = get(firstPage + "&cursor=" + next.asString());
		}
	}

	private long count(String path) {
		JsonNode page = get(path);
		assertThat(page.path("nextCursor").isNull()).as("one page holds them all").isTrue();
		return page.path("items").size();
	}

	private List<String> names(String path) {
		return get(path + (path.contains("range=") ? "" : "&range=1h")).path("items").findValuesAsString("name");
	}

	private void assertInvalid(String path, String parameter) {
		assertInvalid(path, parameter, "");
	}

	private void assertInvalid(String path, String parameter, String reason) {
		Response response = this.client.get(path, TestTokens.token("viewer"));
		assertThat(response.status()).as(path + " " + response.body()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().at("/invalid-params/0/name").asString()).isEqualTo(parameter);
		assertThat(response.json().at("/invalid-params/0/reason").asString()).contains(reason);
	}

	private static List<String> texts(JsonNode array) {
		List<String> texts = new ArrayList<>();
		array.forEach((value) -> texts.add(value.asString()));
		return texts;
	}

	private static List<Integer> ints(JsonNode array, String field) {
		List<Integer> values = new ArrayList<>();
		array.forEach((item) -> values.add(item.path(field).isMissingNode() ? null : item.path(field).asInt()));
		return values;
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static long micros(Instant instant) {
		return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
	}

	private static String hex(int digits) {
		StringBuilder hex = new StringBuilder(digits);
		for (int i = 0; i < digits; i++) {
			hex.append(Character.forDigit(ThreadLocalRandom.current().nextInt(16), 16));
		}
		return (hex.chars().allMatch((c) -> c == '0')) ? hex(digits) : hex.toString();
	}

}
