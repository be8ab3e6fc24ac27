package io.panopticon.storage;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import io.panopticon.common.telemetry.LogEvent;
import io.panopticon.common.telemetry.LogLevel;
import io.panopticon.common.telemetry.Span;
import io.panopticon.common.telemetry.SpanEvent;
import io.panopticon.common.telemetry.SpanKind;
import io.panopticon.common.telemetry.SpanLink;
import io.panopticon.common.telemetry.StatusCode;
import io.panopticon.storage.autoconfigure.StorageAutoConfiguration;
import io.panopticon.storage.autoconfigure.StorageEnvironmentPostProcessor;
import io.panopticon.storage.autoconfigure.StorageHealthAutoConfiguration;
import io.panopticon.storage.bulk.BulkIndexer;
import io.panopticon.storage.bulk.BulkItem;
import io.panopticon.storage.bulk.BulkOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.elasticsearch.autoconfigure.health.ElasticsearchRestHealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of the stored form, run against each backend by one small subclass: the
 * templates install (again and again) and shape new indices; span and log documents go in
 * through the bulk indexer, where a replay counts as stored and never as a second
 * document; the storage client's searches find them; a rollup is written and replaced;
 * retention deletes exactly the expired indices of each family; the client names the
 * backend, and so does the {@code storage} health indicator, which takes the place of
 * Spring Boot's {@code elasticsearch} one; the ISM policies skip a cluster without ISM.
 * <p>
 * Each backend's node is shared by the JVM ({@link io.panopticon.testing.TestServers}):
 * the cases use fresh ids and delete what they made.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StorageContractIT {

	private static final IndexTemplates.Settings SETTINGS = new IndexTemplates.Settings(0, Duration.ofSeconds(5));

	private static final Map<IndexFamily, Duration> RETENTION = Map.of(IndexFamily.TRACES, Duration.ofDays(7),
			IndexFamily.LOGS, Duration.ofDays(7), IndexFamily.METRICS_1M, Duration.ofDays(30), IndexFamily.METRICS_1H,
			Duration.ofDays(395));

	private static final BulkIndexer.Settings BULK = new BulkIndexer.Settings(100, 1 << 20, 2, 3,
			Duration.ofMillis(100), Duration.ofSeconds(1));

	private Rest5Client rest;

	private StorageClient storage;

	private final List<String> createdIndices = new ArrayList<>();

	private final Set<String> writtenDocuments = new LinkedHashSet<>();

	/**
	 * Returns the URL of the backend's shared node, starting it if needed.
	 * @return the URL
	 */
	abstract String url();

	/**
	 * Returns the backend the node is.
	 * @return the backend
	 */
	abstract Backend backend();

	@BeforeAll
	void connect() {
		this.rest = Rest5Client.builder(URI.create(url())).build();
		this.storage = new StorageClient(this.rest);
		new IndexTemplates(this.storage, SETTINGS).ensureInstalled();
		new RollupTemplate(this.storage, 0, Duration.ofSeconds(1)).ensureInstalled();
	}

	@AfterAll
	void disconnect() throws Exception {
		this.rest.close();
	}

	@AfterEach
	void deleteWhatTheCaseMade() {
		// The daily indices are shared with the other cases; only our documents go.
		List<String> documents = List.copyOf(this.writtenDocuments);
		List<String> indices = List.copyOf(this.createdIndices);
		this.writtenDocuments.clear();
		this.createdIndices.clear();
		for (String document : documents) {
			try {
				this.storage.send(StorageRequest.of("DELETE", document).parameter("refresh", "true"));
			}
			catch (StorageException ex) {
				// Gone already: retention may have deleted its index.
				assertThat(ex.status()).as(ex.getMessage()).isEqualTo(404);
			}
		}
		indices.forEach(this.storage::deleteIndex);
	}

	@Test
	void namesTheBackendOnFirstUse() {
		ClusterBackend learned = new ClusterBackend();
		StorageClient client = new StorageClient(this.rest, learned);
		assertThat(learned.known()).as("nothing is asked before the first use").isEmpty();

		client.indices(IndexFamily.TRACES.pattern());

		assertThat(learned.known()).contains(backend());
		assertThat(client.backend()).isEqualTo(backend());
	}

	@Test
	void storageHealthNamesTheBackendInPlaceOfSpringBootsElasticsearchHealth() {
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ElasticsearchRestClientAutoConfiguration.class,
					ElasticsearchRestHealthContributorAutoConfiguration.class, StorageAutoConfiguration.class,
					StorageHealthAutoConfiguration.class))
			.withPropertyValues("spring.elasticsearch.uris=" + url());
		runner.run((context) -> assertThat(context).as("Boot's contributor without the storage default")
			.hasBean("elasticsearchHealthContributor"));

		runner
			.withInitializer((context) -> new StorageEnvironmentPostProcessor()
				.postProcessEnvironment(context.getEnvironment(), null))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasBean("storageHealthIndicator")
					.doesNotHaveBean("elasticsearchHealthContributor");
				Health health = context.getBean("storageHealthIndicator", HealthIndicator.class).health();
				assertThat(health.getStatus()).as(health.getDetails().toString()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("backend", backend().id());
			});
	}

	@Test
	void installsTheTemplatesAndInstallingAgainIsHarmless() {
		IndexTemplates again = new IndexTemplates(this.storage, SETTINGS);
		again.ensureInstalled();
		again.ensureInstalled();
		new RollupTemplate(this.storage, 0, Duration.ofSeconds(1)).ensureInstalled();

		assertThat(again.isInstalled()).isTrue();
		for (String name : List.of(IndexTemplates.TRACES_TEMPLATE, IndexTemplates.LOGS_TEMPLATE, RollupTemplate.NAME)) {
			JsonNode answer = this.storage.send(StorageRequest.of("GET", "/_index_template/" + name));
			assertThat(answer.path("index_templates").size()).as(name).isEqualTo(1);
			JsonNode template = answer.at("/index_templates/0/index_template");
			assertThat(template.get("priority").asInt()).isEqualTo(IndexTemplates.PRIORITY);
			assertThat(template.at("/template/mappings/dynamic").asString()).isEqualTo("false");
			assertThat(template.at("/_meta/managed_by").asString()).isEqualTo("panopticon");
		}
	}

	@Test
	void storesSpansWithTheDeclaredMappingAndFindsThemByAttributeAndEndpoint() {
		Span span = exampleSpan(Instant.now());
		String index = SpanDocuments.indexOf(span);
		BulkItem item = BulkItem.of(index, DocumentIds.spanId(span),
				SpanDocuments.span(span, SpanDocuments.endpointOf(span)));

		assertThat(index(item)).isEqualTo(BulkOutcome.CREATED);
		assertThat(index(item)).as("a replay is stored already").isEqualTo(BulkOutcome.ALREADY_INDEXED);

		JsonNode properties = mapping(index);
		assertThat(type(properties, SpanFields.TRACE_ID)).isEqualTo("keyword");
		assertThat(type(properties, SpanFields.ENDPOINT)).isEqualTo("keyword");
		assertThat(type(properties, SpanFields.TIMESTAMP)).isEqualTo("date");
		assertThat(type(properties, SpanFields.START_TIME_MICROS)).isEqualTo("long");
		assertThat(type(properties, SpanFields.DURATION_MICROS)).isEqualTo("long");
		assertThat(type(properties, SpanFields.LATENCY_BUCKET)).isEqualTo("integer");
		assertThat(type(properties, SpanFields.HTTP_STATUS_CODE)).isEqualTo("short");
		assertThat(type(properties, SpanFields.IS_ERROR)).isEqualTo("boolean");
		assertThat(type(properties, SpanFields.ATTRIBUTES)).isEqualTo("keyword");
		assertThat(properties.at("/status/properties/code/type").asString()).isEqualTo("keyword");
		assertThat(properties.at("/status/properties/message/type").asString()).isEqualTo("text");
		assertThat(properties.at("/events/enabled").asBoolean(true)).isFalse();
		assertThat(properties.at("/resource/enabled").asBoolean(true)).isFalse();
		assertThat(properties.at("/attributeMap/enabled").asBoolean(true)).isFalse();
		assertThat(fieldNames(properties)).as("no attribute became a field")
			.doesNotContain("region", "customer", "retry", "host", "exception");

		String trace = "traceId:" + span.traceId();
		assertThat(count(index, trace)).as("the replay added no second document").isEqualTo(1);
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
		String traceId = randomHex(16);
		LogEvent event = new LogEvent(micros(Instant.now()), "storage-contract-it", "test", LogLevel.ERROR,
				"payment gateway timeout after 3 retries", traceId, randomHex(8),
				Map.of("exception.type", "TimeoutException", "unknown.field", 42));
		String index = LogDocuments.indexOf(event);
		BulkItem item = BulkItem.of(index,
				DocumentIds.logId("storage-contract-it", 0, ThreadLocalRandom.current().nextLong(1, 1L << 50), 0),
				LogDocuments.log(event));

		assertThat(index(item)).isEqualTo(BulkOutcome.CREATED);
		assertThat(index(item)).as("a replay is stored already").isEqualTo(BulkOutcome.ALREADY_INDEXED);

		JsonNode properties = mapping(index);
		assertThat(type(properties, "@timestamp")).isEqualTo("date");
		assertThat(type(properties, "timestampMicros")).isEqualTo("long");
		assertThat(type(properties, "level")).isEqualTo("keyword");
		assertThat(type(properties, "message")).isEqualTo("text");
		assertThat(properties.at("/message/fields/keyword/type").asString()).isEqualTo("keyword");
		assertThat(fieldNames(properties)).doesNotContain("exception", "unknown");
		String trace = "traceId:" + traceId;
		assertThat(count(index, trace)).as("the replay added no second document").isEqualTo(1);
		assertThat(count(index, trace + " AND message:gateway AND level:ERROR")).isEqualTo(1);
		assertThat(count(index, trace + " AND attributes:\"exception.type=TimeoutException\"")).isEqualTo(1);
		assertThat(count(index, trace + " AND attributes:\"unknown.field=42\"")).isEqualTo(1);
	}

	@Test
	void writesARollupAndReplacesItInPlace() {
		Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
		String index = IndexFamily.METRICS_1M.indexFor(minute);
		String service = "storage-contract-" + randomHex(4);
		String id = service + "-" + minute.getEpochSecond();

		putRollup(index, id, rollup(minute, service, 10));
		putRollup(index, id, rollup(minute, service, 12));

		JsonNode hits = this.storage
			.search(IndexFamily.METRICS_1M.pattern(),
					"{\"query\":{\"term\":{\"" + RollupFields.SERVICE_NAME + "\":\"" + service + "\"}}}")
			.path("hits");
		assertThat(hits.at("/total/value").asLong()).as("replaced, not added").isEqualTo(1);
		assertThat(hits.at("/hits/0/_source/" + RollupFields.REQUESTS).asLong()).isEqualTo(12);
		JsonNode properties = mapping(index);
		assertThat(type(properties, RollupFields.LATENCY)).isEqualTo("nested");
		assertThat(type(properties, RollupFields.LATENCY_HISTOGRAM)).isEqualTo("binary");
		assertThat(type(properties, RollupFields.SERVICE_NAME)).isEqualTo("keyword");
		// Nested buckets can be summed across documents, as the query side does.
		JsonNode sum = this.storage
			.search(index, "{\"size\":0,\"query\":{\"term\":{\"" + RollupFields.SERVICE_NAME + "\":\"" + service
					+ "\"}},\"aggs\":{\"latency\":{\"nested\":{\"path\":\"" + RollupFields.LATENCY
					+ "\"},\"aggs\":{\"count\":{\"sum\":{\"field\":\"" + RollupFields.LATENCY_COUNT + "\"}}}}}}")
			.path("aggregations");
		assertThat(sum.at("/latency/count/value").asDouble()).isEqualTo(12.0);
	}

	@Test
	void retentionDeletesExactlyTheIndicesPastTheirFamilysRetention() {
		Instant now = Instant.now();
		LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
		List<String> expired = List.of(IndexFamily.TRACES.indexFor(today.minusDays(10)),
				// Its day ended at midnight, more than 7 days before now.
				IndexFamily.TRACES.indexFor(today.minusDays(8)), IndexFamily.LOGS.indexFor(today.minusDays(9)),
				IndexFamily.METRICS_1M.indexFor(today.minusDays(40)),
				IndexFamily.METRICS_1H.indexFor(today.minusMonths(15)));
		List<String> kept = List.of(IndexFamily.TRACES.indexFor(today),
				// Part of its day is younger than 7 days.
				IndexFamily.TRACES.indexFor(today.minusDays(6)), IndexFamily.LOGS.indexFor(today.minusDays(3)),
				IndexFamily.METRICS_1M.indexFor(today.minusDays(20)),
				IndexFamily.METRICS_1H.indexFor(today.minusMonths(11)),
				// Names that only look like dated indices are never touched.
				"traces-apm-2001.02.30", "traces-apm-retention-it", "logs-apm-2001.01.01-restored");
		expired.forEach(this::create);
		kept.forEach(this::create);
		RetentionJob job = new RetentionJob(this.storage, RETENTION, Clock.fixed(now, ZoneOffset.UTC));

		List<String> deleted = job.deleteExpiredIndices();

		assertThat(deleted).containsExactlyInAnyOrderElementsOf(expired);
		for (String index : expired) {
			assertThat(exists(index)).as(index).isFalse();
		}
		for (String index : kept) {
			assertThat(exists(index)).as(index).isTrue();
		}
		assertThat(job.deleteExpiredIndices()).as("a second run finds nothing more").isEmpty();
	}

	@Test
	void ismPoliciesAreSkippedWhereTheClusterTakesNone() {
		// Elasticsearch has no ISM; the OpenSearch test node runs without the plugin, and
		// its answer must read as "no ISM", not as a failure to retry.
		IsmPolicies policies = new IsmPolicies(this.storage, RETENTION);

		policies.ensureInstalled();

		assertThat(policies.isDone()).isTrue();
	}

	private BulkOutcome index(BulkItem item) {
		List<BulkOutcome> outcomes = new BulkIndexer(this.storage, BULK, new NoMetrics()).index(List.of(item));
		this.writtenDocuments.add("/" + item.index() + "/_doc/" + item.id());
		this.storage.refresh(item.index());
		assertThat(outcomes).hasSize(1);
		return outcomes.get(0);
	}

	private void putRollup(String index, String id, String document) {
		// Rollups are replaced as a bucket is rolled up again: an index action, not
		// create.
		String action = "{\"index\":{\"_index\":\"" + index + "\",\"_id\":\"" + id + "\"}}\n";
		this.storage.bulk((action + document + "\n").getBytes(StandardCharsets.UTF_8));
		this.writtenDocuments.add("/" + index + "/_doc/" + id);
		this.storage.refresh(index);
	}

	private static String rollup(Instant minute, String service, long requests) {
		return "{\"" + RollupFields.TIMESTAMP + "\":\"" + minute + "\",\"" + RollupFields.RESOLUTION + "\":\"1m\",\""
				+ RollupFields.KIND + "\":\"endpoint\",\"" + RollupFields.SERVICE_NAME + "\":\"" + service + "\",\""
				+ RollupFields.ENDPOINT + "\":\"GET /orders/{id}\",\"" + RollupFields.REQUESTS + "\":" + requests
				+ ",\"" + RollupFields.ERRORS + "\":1,\"" + RollupFields.LATENCY + "\":[{\"" + RollupFields.BUCKET
				+ "\":3,\"" + RollupFields.COUNT + "\":" + requests + "}]}";
	}

	private void create(String index) {
		try {
			this.storage.send(StorageRequest.of("PUT", "/" + index));
			this.createdIndices.add(index);
		}
		catch (StorageException ex) {
			// Another case may have made today's index already; that is fine.
			assertThat(ex.type()).as(index).isEqualTo("resource_already_exists_exception");
		}
	}

	private boolean exists(String index) {
		try {
			this.storage.send(StorageRequest.of("HEAD", "/" + index));
			return true;
		}
		catch (StorageException ex) {
			assertThat(ex.status()).as(ex.getMessage()).isEqualTo(404);
			return false;
		}
	}

	private JsonNode mapping(String index) {
		return this.storage.send(StorageRequest.of("GET", "/" + index + "/_mapping"))
			.at("/" + index + "/mappings/properties");
	}

	private static String type(JsonNode properties, String field) {
		return properties.path(field).path("type").asString();
	}

	private static List<String> fieldNames(JsonNode properties) {
		List<String> names = new ArrayList<>();
		properties.propertyNames().forEach(names::add);
		return names;
	}

	private long count(String index, String query) {
		String body = "{\"size\":0,\"track_total_hits\":true,\"query\":{\"query_string\":{\"query\":"
				+ StorageClient.JSON.writeValueAsString(query) + "}}}";
		return this.storage.search(index, body).at("/hits/total/value").asLong();
	}

	private static Span exampleSpan(Instant start) {
		return Span.builder()
			.traceId(randomHex(16))
			.spanId(randomHex(8))
			.parentSpanId(randomHex(8))
			.name("GET /orders/{id}")
			.kind(SpanKind.SERVER)
			.serviceName("storage-contract-it")
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

	private static final class NoMetrics implements BulkIndexer.Metrics {

		@Override
		public void retried(int count) {
		}

		@Override
		public void bulkLatency(long nanos) {
		}

	}

}
