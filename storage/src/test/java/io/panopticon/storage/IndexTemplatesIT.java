package io.panopticon.storage;

import io.panopticon.testing.JsonText;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.panopticon.common.telemetry.LogEvent;
import io.panopticon.common.telemetry.LogLevel;
import io.panopticon.common.telemetry.Span;
import io.panopticon.common.telemetry.SpanEvent;
import io.panopticon.common.telemetry.SpanKind;
import io.panopticon.common.telemetry.SpanLink;
import io.panopticon.common.telemetry.StatusCode;
import io.panopticon.testing.RawElasticsearch;
import io.panopticon.testing.RawElasticsearch.Answer;
import io.panopticon.testing.RealServers;
import io.panopticon.testing.RealServers.Server;
import org.apache.hc.core5.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index templates against a real Elasticsearch: they install (twice), span and log
 * documents index into the daily indices with the declared field types, nothing but the
 * declared fields gets mapped, and the searches the query side relies on find them.
 */
@RealServers(Server.ELASTICSEARCH)
class IndexTemplatesIT {

	private static final IndexTemplates.Settings SETTINGS = new IndexTemplates.Settings(0, Duration.ofSeconds(5));

	private static final ContentType NDJSON = ContentType.create("application/x-ndjson");

	private static RawElasticsearch elasticsearch;

	private final List<String> written = new ArrayList<>();

	@BeforeAll
	static void connect() {
		elasticsearch = new RawElasticsearch();
	}

	@AfterAll
	static void disconnect() throws Exception {
		elasticsearch.close();
	}

	@AfterEach
	void deleteWrittenDocuments() {
		// The daily indices are shared with other tests; only our documents go.
		for (Iterator<String> it = this.written.iterator(); it.hasNext();) {
			elasticsearch.send("DELETE", it.next());
			it.remove();
		}
	}

	@Test
	void installsTheTemplatesAndInstallingAgainIsHarmless() {
		new IndexTemplates(new StorageClient(elasticsearch.client()), SETTINGS).ensureInstalled();
		IndexTemplates again = new IndexTemplates(new StorageClient(elasticsearch.client()), SETTINGS);
		again.ensureInstalled();
		again.ensureInstalled();

		assertThat(again.isInstalled()).isTrue();
		for (String name : List.of(IndexTemplates.TRACES_TEMPLATE, IndexTemplates.LOGS_TEMPLATE)) {
			Answer answer = elasticsearch.send("GET", "/_index_template/" + name);
			assertThat(answer.status()).isEqualTo(200);
			JsonNode template = answer.json().at("/index_templates/0/index_template");
			assertThat(template.get("priority").asInt()).isEqualTo(500);
			assertThat(template.at("/template/mappings/dynamic").asString()).isEqualTo("false");
		}
	}

	@Test
	void storesSpansWithTheDeclaredMappingAndFindsThemByAttributeAndEndpoint() {
		new IndexTemplates(new StorageClient(elasticsearch.client()), SETTINGS).ensureInstalled();
		Span span = exampleSpan(Instant.now());
		String index = SpanDocuments.indexOf(span);
		String endpoint = SpanDocuments.endpointOf(span);
		String id = DocumentIds.spanId(span);

		JsonNode first = bulk(index, id, SpanDocuments.span(span, endpoint));
		JsonNode replay = bulk(index, id, SpanDocuments.span(span, endpoint));

		assertThat(first.at("/items/0/create/status").asInt()).as(first.toString()).isEqualTo(201);
		assertThat(replay.at("/items/0/create/status").asInt()).as("a replay is refused as a duplicate").isEqualTo(409);

		JsonNode properties = mapping(index);
		assertThat(type(properties, "traceId")).isEqualTo("keyword");
		assertThat(type(properties, "endpoint")).isEqualTo("keyword");
		assertThat(type(properties, "@timestamp")).isEqualTo("date");
		assertThat(type(properties, "startTimeMicros")).isEqualTo("long");
		assertThat(type(properties, "durationMicros")).isEqualTo("long");
		assertThat(type(properties, "latencyBucket")).isEqualTo("integer");
		assertThat(type(properties, "httpStatusCode")).isEqualTo("short");
		assertThat(type(properties, "isError")).isEqualTo("boolean");
		assertThat(type(properties, "attributes")).isEqualTo("keyword");
		assertThat(properties.at("/status/properties/code/type").asString()).isEqualTo("keyword");
		assertThat(properties.at("/status/properties/message/type").asString()).isEqualTo("text");
		assertThat(properties.at("/events/enabled").asBoolean(true)).isFalse();
		assertThat(properties.at("/resource/enabled").asBoolean(true)).isFalse();
		assertThat(properties.at("/attributeMap/enabled").asBoolean(true)).isFalse();
		assertThat(fieldNames(properties)).as("no attribute became a field")
			.doesNotContain("region", "customer", "retry", "host", "exception");
		assertThat(elasticsearch.send("GET", "/" + index + "/_mapping/field/region,customer.*,host.name")
			.json()
			.at("/" + index + "/mappings")
			.size()).isZero();

		String trace = "traceId:" + span.traceId();
		assertThat(count(index, trace + " AND attributes:\"region=eu-1\"")).isEqualTo(1);
		assertThat(count(index, trace + " AND attributes:\"customer.tier\"")).isEqualTo(1);
		assertThat(count(index, trace + " AND attributes:\"host.name=orders-7f9c\"")).isEqualTo(1);
		assertThat(count(index, trace + " AND attributes:\"region=us-1\"")).isZero();
		assertThat(count(index, trace + " AND endpoint:\"GET /orders/{id}\"")).isEqualTo(1);
		assertThat(count(index, trace + " AND isError:true AND isRequest:true AND httpStatusCode:504")).isEqualTo(1);
		assertThat(count(index, trace + " AND status.message:timeout AND durationMicros:[5000 TO 6000]")).isEqualTo(1);
	}

	@Test
	void storesLogsWithTheDeclaredMappingAndFindsThemByTextAndAttribute() {
		new IndexTemplates(new StorageClient(elasticsearch.client()), SETTINGS).ensureInstalled();
		String traceId = randomHex(16);
		LogEvent event = new LogEvent(micros(Instant.now()), "index-templates-it", "test", LogLevel.ERROR,
				"payment gateway timeout after 3 retries", traceId, randomHex(8),
				Map.of("exception.type", "TimeoutException", "unknown.field", 42));
		String index = LogDocuments.indexOf(event);
		String id = DocumentIds.logId("index-templates-it", 0, ThreadLocalRandom.current().nextLong(1, 1L << 50), 0);

		JsonNode result = bulk(index, id, LogDocuments.log(event));

		assertThat(result.at("/items/0/create/status").asInt()).as(result.toString()).isEqualTo(201);
		JsonNode properties = mapping(index);
		assertThat(type(properties, "@timestamp")).isEqualTo("date");
		assertThat(type(properties, "timestampMicros")).isEqualTo("long");
		assertThat(type(properties, "level")).isEqualTo("keyword");
		assertThat(type(properties, "message")).isEqualTo("text");
		assertThat(properties.at("/message/fields/keyword/type").asString()).isEqualTo("keyword");
		assertThat(fieldNames(properties)).doesNotContain("exception", "unknown");
		String trace = "traceId:" + traceId;
		assertThat(count(index, trace + " AND message:gateway AND level:ERROR")).isEqualTo(1);
		assertThat(count(index, trace + " AND attributes:\"exception.type=TimeoutException\"")).isEqualTo(1);
		assertThat(count(index, trace + " AND attributes:\"unknown.field=42\"")).isEqualTo(1);
	}

	private JsonNode bulk(String index, String id, byte[] document) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("{\"create\":{\"_index\":\"" + index + "\",\"_id\":\"" + id + "\"}}\n")
			.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(document);
		body.write('\n');
		Answer answer = elasticsearch.send("POST", "/_bulk?refresh=true", body.toByteArray(), NDJSON);
		assertThat(answer.status()).as(String.valueOf(answer.json())).isEqualTo(200);
		this.written.add("/" + index + "/_doc/" + id);
		return answer.json();
	}

	private static JsonNode mapping(String index) {
		Answer answer = elasticsearch.send("GET", "/" + index + "/_mapping");
		assertThat(answer.status()).isEqualTo(200);
		return answer.json().at("/" + index + "/mappings/properties");
	}

	private static String type(JsonNode properties, String field) {
		return properties.path(field).path("type").asString();
	}

	private static List<String> fieldNames(JsonNode properties) {
		List<String> names = new ArrayList<>();
		properties.propertyNames().forEach(names::add);
		return names;
	}

	private static long count(String index, String query) {
		String body = "{\"query\":{\"query_string\":{\"query\":" + JsonText.compact(quote(query)) + "}}}";
		Answer answer = elasticsearch.send("POST", "/" + index + "/_count", body);
		assertThat(answer.status()).as(String.valueOf(answer.json())).isEqualTo(200);
		return answer.json().get("count").asLong();
	}

	private static String quote(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private static Span exampleSpan(Instant start) {
		return Span.builder()
			.traceId(randomHex(16))
			.spanId(randomHex(8))
			.parentSpanId(randomHex(8))
			.name("GET /orders/{id}")
			.kind(SpanKind.SERVER)
			.serviceName("index-templates-it")
			.environment("test")
			.startTimeMicros(micros(start))
			.durationMicros(5321)
			.status(StatusCode.ERROR, "timeout")
			.httpMethod("GET")
			.httpRoute("/orders/{id}")
			.httpStatusCode(504)
			.peerService("postgres")
			.putAttribute("region", "eu-1")
			.putAttribute("retry", 2)
			.putAttribute("customer", Map.of("tier", "gold"))
			.addEvent(new SpanEvent(micros(start) + 1000, "exception", Map.of("exception.type", "TimeoutException")))
			.addLink(SpanLink.of(randomHex(16), randomHex(8)))
			.putResource("host.name", "orders-7f9c")
			.build();
	}

	private static long micros(Instant instant) {
		return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
	}

	private static String randomHex(int bytes) {
		byte[] random = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(random);
		random[0] |= 1;
		return HexFormat.of().formatHex(random);
	}

}
