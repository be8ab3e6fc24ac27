package io.panopticon.ingest.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import io.panopticon.common.storage.Topics;
import io.panopticon.common.telemetry.TimeWindow;
import io.panopticon.ingest.IngestProperties;
import io.panopticon.storage.DocumentIds;
import io.panopticon.storage.StorageClient;
import io.panopticon.storage.bulk.BulkIndexer;
import io.panopticon.testing.BulkStandIn;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log ingestor's document ids against a stand-in {@code _bulk} endpoint: the ids the
 * producer gave in {@code panopticon.event-id} headers, by position, else the ids derived
 * from the Kafka coordinates.
 */
class LogIngestorTest {

	private static final long NOW_MICROS = Instant.now().toEpochMilli() * 1000;

	private static final Pattern ID = Pattern.compile("\"_id\":\"([^\"]+)\"");

	private final List<String> ids = new CopyOnWriteArrayList<>();

	private BulkStandIn standIn;

	@AfterEach
	void stop() throws IOException {
		if (this.standIn != null) {
			this.standIn.close();
		}
	}

	@Test
	void usesTheGivenIdsByPositionAndTheOffsetIdsWhereNoneIsUsable() {
		ConsumerRecord<byte[], byte[]> stamped = record(7,
				"[" + event("a") + "," + event("b") + "," + event("c") + "]");
		stamped.headers().add(Topics.EVENT_ID, ascii("LLVf-VWMdryeXCh7-v-MmQ"));
		stamped.headers().add("other", ascii("x"));
		stamped.headers().add(Topics.EVENT_ID, ascii("not/usable"));
		ConsumerRecord<byte[], byte[]> plain = record(8, event("d"));

		ingestor().ingest(List.of(stamped, plain));

		assertThat(this.ids).containsExactly("LLVf-VWMdryeXCh7-v-MmQ", DocumentIds.logId("apm.logs", 0, 7, 1),
				DocumentIds.logId("apm.logs", 0, 7, 2), DocumentIds.logId("apm.logs", 0, 8, 0));
	}

	private LogIngestor ingestor() {
		this.standIn = new BulkStandIn((body) -> {
			Matcher ids = ID.matcher(body);
			StringBuilder json = new StringBuilder("{\"errors\":false,\"items\":[");
			boolean first = true;
			while (ids.find()) {
				this.ids.add(ids.group(1));
				json.append(first ? "" : ",").append("{\"create\":{\"status\":201}}");
				first = false;
			}
			return json.append("]}").toString();
		}, (body) -> 200);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		BulkIndexer.Settings bulk = new BulkIndexer.Settings(5000, DataSize.ofMegabytes(5).toBytes(), 2, 3,
				Duration.ofMillis(1), Duration.ofMillis(5));
		IngestMetrics metrics = new IngestMetrics(registry);
		BatchIngestor.Collaborators collaborators = new BatchIngestor.Collaborators(
				new BulkIndexer(new StorageClient(this.standIn.client()), bulk, metrics), new DeadLetters(null),
				metrics, new ThroughputLog(new IngestProperties.Throughput(0, Duration.ZERO, 0), System::nanoTime),
				() -> {
				}, 1024 * 1024, Clock.systemUTC());
		// INFO events only: nothing goes to the error topic.
		return new LogIngestor(collaborators, new TimeWindow(Duration.ofDays(3), Duration.ofDays(1)), null,
				"apm.logs.error");
	}

	private static String event(String message) {
		return "{\"timestamp\":" + NOW_MICROS + ",\"serviceName\":\"orders\",\"level\":\"INFO\",\"message\":\""
				+ message + "\"}";
	}

	private static ConsumerRecord<byte[], byte[]> record(long offset, String value) {
		return new ConsumerRecord<>("apm.logs", 0, offset, null, value.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
