package io.panopticon.query;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.apache.hc.core5.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.panopticon.common.telemetry.LogEvent;
import io.panopticon.common.telemetry.LogLevel;
import io.panopticon.common.telemetry.Span;
import io.panopticon.common.telemetry.SpanKind;
import io.panopticon.common.telemetry.StatusCode;
import io.panopticon.storage.IndexTemplates;
import io.panopticon.storage.LogDocuments;
import io.panopticon.storage.SpanDocuments;
import io.panopticon.storage.StorageClient;
import io.panopticon.testing.ParameterFuzz;
import io.panopticon.testing.ParameterFuzz.Endpoint;
import io.panopticon.testing.RawElasticsearch;
import io.panopticon.testing.RealServers;
import io.panopticon.testing.RealServers.Server;
import io.panopticon.testing.ServiceClient;
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
 * Fuzz: thousands of generated parameter sets (valid, at a boundary, hostile) against
 * every read endpoint of a running query-service over real Elasticsearch and Redis, with
 * a little data to find and real cursors to damage. No answer is a 5xx, none hangs, the
 * heap survives, and every 4xx is a problem, a 400 naming a parameter
 * ({@link ParameterFuzz}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "panopticon.security.public-read=false",
				"panopticon.query.cursor.key=a cursor key for the fuzz run, 32+ bytes" })
@RealServers({ Server.ELASTICSEARCH, Server.REDIS })
@ExtendWith(OutputCaptureExtension.class)
class QueryParameterFuzzIT {

	private static final int REQUESTS = 4_000;

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private static final String SERVICE = "fuzz-" + RUN;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerElasticsearch(registry);
		TestServers.registerRedis(registry);
		registry.add("panopticon.jwt.public-key", TestTokens::publicKeyPem);
	}

	@Test
	void generatedParametersNeverFailTheService(CapturedOutput output) throws Exception {
		long seed = Long.getLong("panopticon.fuzz.seed", System.nanoTime());
		// Printed first, so that a run which fails or hangs can be repeated.
		System.out.println("Fuzz seed " + seed);
		Ids ids = store(Instant.now().minus(10, ChronoUnit.MINUTES));
		String viewer = TestTokens.token("viewer");
		List<String> cursors = cursors(viewer);
		ParameterFuzz fuzz = ParameterFuzz.against("http://127.0.0.1:" + this.port)
			.token(viewer)
			.token(TestTokens.token("admin"))
			.endpoints(
					Endpoint.of("/api/services", "from", "to", "range", "environment", "search", "sort", "order",
							"limit"),
					Endpoint.of("/api/services/{name}/metrics", "from", "to", "range", "environment", "interval"),
					Endpoint.of("/query/services/{name}/endpoints", "from", "to", "range", "environment", "sort",
							"order", "limit"),
					Endpoint.of("/api/service-map", "from", "to", "range", "environment"),
					Endpoint.of("/api/traces/{traceId}", "service", "environment"),
					Endpoint.of("/api/traces", "service", "environment", "endpoint", "status", "error", "minDuration",
							"maxDuration", "attr", "from", "to", "range", "sort", "order", "limit", "cursor", "page"),
					Endpoint.of("/api/services/{name}/traces", "environment", "endpoint", "status", "error",
							"minDuration", "maxDuration", "attr", "from", "to", "range", "sort", "order", "limit",
							"cursor", "page"),
					Endpoint.of("/api/services/{name}/endpoints/traces", "endpoint", "environment", "minDuration",
							"from", "to", "range", "limit"),
					Endpoint.of("/api/services/{name}/endpoints/{endpoint}/traces", "environment", "minDuration",
							"from", "to", "range", "limit"),
					Endpoint.of("/api/spans", "service", "environment", "name", "endpoint", "kind", "status", "error",
							"minDuration", "maxDuration", "traceId", "spanId", "parentSpanId", "attr", "from", "to",
							"range", "sort", "order", "limit", "cursor", "page"),
					Endpoint.of("/api/logs", "service", "environment", "level", "minLevel", "traceId", "spanId", "attr",
							"message", "from", "to", "range", "sort", "order", "limit", "cursor", "page"))
			.valid("name", List.of(SERVICE, "payments"))
			.valid("service", List.of(SERVICE))
			.valid("environment", List.of("prod"))
			.valid("search", List.of("fuzz", RUN.toUpperCase(), "z"))
			.valid("traceId", ids.traceIds())
			.valid("spanId", ids.spanIds())
			.valid("parentSpanId", ids.spanIds())
			.valid("from",
					List.of(Instant.now().minus(1, ChronoUnit.HOURS).toString(),
							Long.toString(Instant.now().minus(30, ChronoUnit.MINUTES).toEpochMilli())))
			.valid("to", List.of(Instant.now().plus(1, ChronoUnit.MINUTES).toString()))
			.valid("range", List.of("15m", "1h", "6h", "24h", "7d"))
			.valid("sort",
					List.of("startTime", "duration", "name", "totalRequests", "errorRate", "avgLatency", "p95Latency",
							"requests", "p50Latency", "p99Latency", "endpoint", "timestamp"))
			.valid("order", List.of("asc", "desc"))
			.valid("limit", List.of("1", "2", "20", "1000"))
			.valid("interval", List.of("1m", "5m", "1h", "1d"))
			.valid("kind", List.of("SERVER", "client,CONSUMER"))
			.valid("status", List.of("OK", "ERROR", "unset"))
			.valid("error", List.of("true", "false"))
			.valid("minDuration", List.of("0", "1.5", "100"))
			.valid("maxDuration", List.of("5000", "0.001"))
			.valid("attr", List.of("http.route:/orders/{id}", "http.route", "fuzz.run:" + RUN))
			.valid("level", List.of("ERROR", "warn,INFO"))
			.valid("minLevel", List.of("INFO", "FATAL"))
			.valid("message", List.of("timeout", "gateway timeout"))
			.valid("endpoint", List.of("GET /orders/{id}", "POST /pay"))
			.valid("cursor", cursors)
			.build();

		ParameterFuzz.Report report = fuzz.run(REQUESTS, 4, seed, Duration.ofSeconds(50));

		System.out.println("Fuzz seed " + seed + ": " + report);
		assertThat(report.failures()).as("answers a careful service does not give").isEmpty();
		assertThat(report.statuses()).as("some parameter sets are valid, most are not")
			.containsKeys(200, 400, 401, 403);
		ServiceClient.Response health = new ServiceClient(this.port).get("/actuator/health");
		assertThat(health.status()).as(health.body()).isEqualTo(200);
		assertThat(output.getAll()).doesNotContain("OutOfMemoryError").doesNotContain("Request failed unexpectedly");
	}

	/** Real cursors of every paged search, to send back as they are and damaged. */
	private List<String> cursors(String token) {
		ServiceClient client = new ServiceClient(this.port);
		List<String> cursors = new ArrayList<>();
		for (String path : List.of("/api/spans?range=1h&limit=1", "/api/logs?range=1h&limit=1",
				"/api/traces?range=1h&limit=1", "/api/spans?range=1h&limit=1&sort=duration&order=asc",
				"/api/services/" + SERVICE + "/traces?range=1h&limit=1")) {
			ServiceClient.Response page = client.get(path, token);
			assertThat(page.status()).as(path + ": " + page.body()).isEqualTo(200);
			String cursor = page.json().path("nextCursor").asString(null);
			assertThat(cursor).as(path + " has a next page").isNotNull();
			cursors.add(cursor);
			// Another page's signature on this page's content.
			cursors
				.add(cursor.substring(0, cursor.indexOf('.')) + cursors.get(0).substring(cursors.get(0).indexOf('.')));
		}
		return cursors;
	}

	/** Stores spans and log events of a few traces, as ingest-service writes them. */
	private static Ids store(Instant start) throws Exception {
		Random random = new Random(RUN.hashCode());
		List<String> traceIds = new ArrayList<>();
		List<String> spanIds = new ArrayList<>();
		ByteArrayOutputStream bulk = new ByteArrayOutputStream();
		long micros = ChronoUnit.MICROS.between(Instant.EPOCH, start);
		for (int trace = 0; trace < 6; trace++) {
			String traceId = hex(random, 16);
			traceIds.add(traceId);
			String root = hex(random, 8);
			for (int s = 0; s < 4; s++) {
				String spanId = (s == 0) ? root : hex(random, 8);
				spanIds.add(spanId);
				Span span = Span.builder()
					.traceId(traceId)
					.spanId(spanId)
					.parentSpanId((s == 0) ? null : root)
					.name((s == 0) ? "GET /orders/{id}" : "db " + s)
					.kind((s == 0) ? SpanKind.SERVER : SpanKind.CLIENT)
					.serviceName((s == 3) ? "payments" : SERVICE)
					.environment("prod")
					.startTimeMicros(micros + trace * 1_000_000L + s * 1_000)
					.durationMicros(1_000L * (1 + random.nextInt(900)))
					.status((trace % 3 == 0) ? StatusCode.ERROR : StatusCode.OK, null)
					.httpMethod((s == 0) ? "GET" : null)
					.httpRoute((s == 0) ? "/orders/{id}" : null)
					.httpStatusCode((s == 0) ? ((trace % 3 == 0) ? 503 : 200) : null)
					.putAttribute("fuzz.run", RUN)
					.build();
				action(bulk, SpanDocuments.indexOf(span));
				bulk.write(SpanDocuments.span(span, SpanDocuments.endpointOf(span)));
				bulk.write('\n');
			}
			for (int l = 0; l < 3; l++) {
				LogEvent event = new LogEvent(micros + trace * 1_000_000L + l, SERVICE, "prod",
						LogLevel.values()[l + 2], "gateway timeout " + l, traceId, root, Map.of("fuzz.run", RUN));
				action(bulk, LogDocuments.indexOf(event));
				bulk.write(LogDocuments.log(event));
				bulk.write('\n');
			}
		}
		try (RawElasticsearch elasticsearch = new RawElasticsearch()) {
			new IndexTemplates(new StorageClient(elasticsearch.client()),
					new IndexTemplates.Settings(0, Duration.ofSeconds(1)))
				.ensureInstalled();
			RawElasticsearch.Answer answer = elasticsearch.send("POST", "/_bulk?refresh=true", bulk.toByteArray(),
					ContentType.create("application/x-ndjson"));
			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.json().path("errors").asBoolean()).as(answer.json().toString()).isFalse();
		}
		return new Ids(traceIds, spanIds);
	}

	private static void action(ByteArrayOutputStream bulk, String index) {
		bulk.writeBytes(("{\"index\":{\"_index\":\"" + index + "\"}}\n").getBytes(StandardCharsets.UTF_8));
	}

	private static String hex(Random random, int bytes) {
		byte[] id = new byte[bytes];
		random.nextBytes(id);
		id[0] |= 1;
		return HexFormat.of().formatHex(id);
	}

	private record Ids(List<String> traceIds, List<String> spanIds) {
	}

}
