package io.panopticon.ingest.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import io.panopticon.common.telemetry.TimeWindow;
import io.panopticon.ingest.IngestProperties;
import io.panopticon.ingest.storage.EndpointLimiter;
import io.panopticon.storage.StorageClient;
import io.panopticon.storage.bulk.BulkIndexer;
import io.panopticon.testing.BulkStandIn;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The span ingestor against a stand-in {@code _bulk} endpoint that rejects some
 * documents: each rejected span is dead-lettered as its own JSON, also when several come
 * from one record.
 */
class SpanIngestorTest {

	private static final long NOW_MICROS = Instant.now().toEpochMilli() * 1000;

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final List<String> deadLetters = new ArrayList<>();

	private BulkStandIn standIn;

	@AfterEach
	void stop() throws IOException {
		if (this.standIn != null) {
			this.standIn.close();
		}
	}

	@Test
	void deadLettersEachSpanElasticsearchRejectsAsItsOwnJson() {
		startRejectingSpansNamedBad();
		String good = span("1111111111111111", "checkout");
		String bad1 = span("2222222222222222", "bad-1");
		String bad2 = span("3333333333333333", "bad-2");
		String bad3 = span("4444444444444444", "bad-3");
		List<ConsumerRecord<byte[], byte[]>> records = List.of(record(0, "[" + good + ", " + bad1 + ",\n" + bad2 + "]"),
				record(1, bad3));

		ingestor().ingest(records);

		assertThat(this.deadLetters).containsExactly(bad1, bad2, bad3);
		assertThat(this.registry.get("panopticon.ingest.indexed").counter().count()).isEqualTo(1);
	}

	private SpanIngestor ingestor() {
		BulkIndexer.Settings bulk = new BulkIndexer.Settings(5000, DataSize.ofMegabytes(5).toBytes(), 2, 3,
				Duration.ofMillis(1), Duration.ofMillis(5));
		IngestMetrics metrics = new IngestMetrics(this.registry);
		DeadLetters deadLetters = new DeadLetters(null) {

			@Override
			CompletableFuture<?> send(ConsumerRecord<byte[], byte[]> source, byte[] value, String field,
					String reason) {
				assertThat(reason).startsWith("Elasticsearch rejected the document: ");
				SpanIngestorTest.this.deadLetters.add(new String(value, StandardCharsets.UTF_8));
				return CompletableFuture.completedFuture(null);
			}

		};
		BatchIngestor.Collaborators collaborators = new BatchIngestor.Collaborators(
				new BulkIndexer(new StorageClient(this.standIn.client()), bulk, metrics), deadLetters, metrics,
				new ThroughputLog(new IngestProperties.Throughput(0, Duration.ZERO, 0), System::nanoTime), () -> {
				}, 1024 * 1024, Clock.systemUTC());
		return new SpanIngestor(collaborators, new TimeWindow(Duration.ofDays(7), Duration.ofDays(1)),
				new EndpointLimiter(1000, 1000, this.registry));
	}

	private static String span(String spanId, String name) {
		return "{\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"spanId\":\"" + spanId + "\",\"name\":\"" + name
				+ "\",\"kind\":\"SERVER\",\"serviceName\":\"orders\",\"startTime\":" + NOW_MICROS
				+ ",\"durationMicros\":1500}";
	}

	private static ConsumerRecord<byte[], byte[]> record(long offset, String value) {
		return new ConsumerRecord<>("apm.spans", 0, offset, null, value.getBytes(StandardCharsets.UTF_8));
	}

	/** Answers 400 to documents whose name starts with "bad", 201 to the rest. */
	private void startRejectingSpansNamedBad() {
		this.standIn = new BulkStandIn((body) -> {
			List<String> lines = body.lines().toList();
			StringBuilder json = new StringBuilder("{\"errors\":true,\"items\":[");
			for (int i = 1; i < lines.size(); i += 2) {
				json.append((i > 1) ? "," : "")
					.append(lines.get(i).contains("\"name\":\"bad")
							? "{\"create\":{\"status\":400,\"error\":{\"type\":\"document_parsing_exception\","
									+ "\"reason\":\"failed to parse\"}}}"
							: "{\"create\":{\"status\":201}}");
			}
			return json.append("]}").toString();
		}, (body) -> 200);
	}

}
