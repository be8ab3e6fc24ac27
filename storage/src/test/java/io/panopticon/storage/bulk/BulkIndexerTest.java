package io.panopticon.storage.bulk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.panopticon.storage.StorageClient;
import io.panopticon.storage.StorageUnavailableException;
import io.panopticon.testing.BulkStandIn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The bulk indexer against a stand-in {@code _bulk} endpoint that answers as scripted.
 */
class BulkIndexerTest {

	private final AtomicInteger retried = new AtomicInteger();

	private final BulkIndexer.Metrics metrics = new BulkIndexer.Metrics() {

		@Override
		public void retried(int count) {
			BulkIndexerTest.this.retried.addAndGet(count);
		}

		@Override
		public void bulkLatency(long nanos) {
		}

	};

	private Function<String, Integer> status = (body) -> 200;

	private BulkStandIn standIn;

	@AfterEach
	void stop() throws IOException {
		if (this.standIn != null) {
			this.standIn.close();
		}
	}

	@Test
	void splitsByCountAndRetriesOnlyTheItemsThatFailedTransiently() {
		Set<String> seen = ConcurrentHashMap.newKeySet();
		start((body) -> {
			// id-1 is refused with 429 the first time it is sent; everything else is
			// accepted.
			List<String> actions = body.lines().filter((line) -> line.startsWith("{\"create\"")).toList();
			StringBuilder json = new StringBuilder("{\"items\":[");
			for (int i = 0; i < actions.size(); i++) {
				boolean refuse = actions.get(i).contains("\"id-1\"") && seen.add("id-1");
				json.append((i > 0) ? "," : "")
					.append(refuse
							? "{\"create\":{\"status\":429,\"error\":{\"type\":\"es_rejected_execution_exception\"}}}"
							: "{\"create\":{\"status\":201}}");
			}
			return json.append("]}").toString();
		});
		BulkIndexer indexer = indexer(2, 5);
		List<BulkOutcome> outcomes = indexer.index(items(3));
		assertThat(outcomes).containsOnly(BulkOutcome.CREATED).hasSize(3);
		// 3 items at 2 per request, then the one refused item alone.
		assertThat(this.standIn.bodies()).hasSize(3);
		assertThat(this.standIn.bodies()).last()
			.satisfies((body) -> assertThat(body).contains("\"_id\":\"id-1\"").doesNotContain("id-0"));
		assertThat(this.retried.get()).isEqualTo(1);
	}

	@Test
	void splitsByBytesAndSendsExactlyTheItemsOfEachRequestAcrossReusedArrays() {
		start(BulkIndexerTest::acceptAll);
		// In a body a long item takes 95 bytes and a short one 67: two fit in 200, a
		// third does not.
		BulkIndexer indexer = indexer(10, 3, 200);
		assertThat(indexer.index(items(5, "{\"long\":\"xxxxxxxxxxxxxxxxxxxxxxxx\"}"))).hasSize(5)
			.containsOnly(BulkOutcome.CREATED);
		assertThat(indexer.index(items(3, "{\"n\":2}"))).hasSize(3).containsOnly(BulkOutcome.CREATED);
		// Two requests are in flight at a time, so they may arrive in either order.
		assertThat(this.standIn.bodies()).containsExactlyInAnyOrder(
				body(0, 2, "{\"long\":\"xxxxxxxxxxxxxxxxxxxxxxxx\"}"),
				body(2, 4, "{\"long\":\"xxxxxxxxxxxxxxxxxxxxxxxx\"}"),
				body(4, 5, "{\"long\":\"xxxxxxxxxxxxxxxxxxxxxxxx\"}"), body(0, 2, "{\"n\":2}"),
				body(2, 3, "{\"n\":2}"));
	}

	@Test
	void givesUpWithStorageUnavailableWhenTransientFailuresPersist() {
		start((body) -> "{\"items\":[{\"create\":{\"status\":503,\"error\":{\"type\":\"unavailable_shards_exception\"}}}]}");
		assertThatExceptionOfType(StorageUnavailableException.class).isThrownBy(() -> indexer(10, 3).index(items(1)))
			.withMessageContaining("after 3 attempts");
		assertThat(this.standIn.bodies()).hasSize(3);
	}

	@Test
	void reportsPermanentRejectionsWithoutRetrying() {
		start((body) -> "{\"items\":[{\"create\":{\"status\":201}},"
				+ "{\"create\":{\"status\":400,\"error\":{\"type\":\"document_parsing_exception\",\"reason\":\"x\"}}}]}");
		List<BulkOutcome> outcomes = indexer(10, 3).index(items(2));
		assertThat(outcomes.get(0)).isEqualTo(BulkOutcome.CREATED);
		assertThat(outcomes.get(1).status()).isEqualTo(BulkOutcome.Status.REJECTED);
		assertThat(this.standIn.bodies()).hasSize(1);
	}

	@Test
	void wholeRequestRefusalIsRetriedNotMistakenForItems() {
		AtomicInteger calls = new AtomicInteger();
		this.status = (body) -> (calls.get() == 1) ? 429 : 200;
		start((body) -> (calls.incrementAndGet() == 1)
				? "{\"error\":{\"type\":\"es_rejected_execution_exception\"},\"status\":429}"
				: "{\"items\":[{\"create\":{\"status\":201}}]}");
		assertThat(indexer(10, 3).index(items(1))).containsExactly(BulkOutcome.CREATED);
		assertThat(this.standIn.bodies()).hasSize(2);
	}

	@Test
	void unreachableElasticsearchIsStorageUnavailable() throws IOException {
		start((body) -> "{}");
		this.standIn.stopAnswering();
		assertThatExceptionOfType(StorageUnavailableException.class).isThrownBy(() -> indexer(10, 2).index(items(1)));
	}

	private BulkIndexer indexer(int batchSize, int maxAttempts) {
		return indexer(batchSize, maxAttempts, 5L * 1024 * 1024);
	}

	private BulkIndexer indexer(int batchSize, int maxAttempts, long batchBytes) {
		BulkIndexer.Settings settings = new BulkIndexer.Settings(batchSize, batchBytes, 2, maxAttempts,
				Duration.ofMillis(1), Duration.ofMillis(5));
		return new BulkIndexer(new StorageClient(this.standIn.client()), settings, this.metrics);
	}

	private static List<BulkItem> items(int count) {
		return items(count, "{\"n\":1}");
	}

	private static List<BulkItem> items(int count, String json) {
		List<BulkItem> items = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			items.add(BulkItem.of("traces-apm-2026.11.22", "id-" + i, json.getBytes(StandardCharsets.UTF_8)));
		}
		return items;
	}

	/** The body of items from (inclusive) to to (exclusive) of {@link #items}. */
	private static String body(int from, int to, String json) {
		StringBuilder body = new StringBuilder();
		for (int i = from; i < to; i++) {
			body.append("{\"create\":{\"_index\":\"traces-apm-2026.11.22\",\"_id\":\"id-")
				.append(i)
				.append("\"}}\n")
				.append(json)
				.append('\n');
		}
		return body.toString();
	}

	private static String acceptAll(String body) {
		long items = body.lines().filter((line) -> line.startsWith("{\"create\"")).count();
		StringBuilder json = new StringBuilder("{\"items\":[");
		for (int i = 0; i < items; i++) {
			json.append((i > 0) ? "," : "").append("{\"create\":{\"status\":201}}");
		}
		return json.append("]}").toString();
	}

	private void start(Function<String, String> answer) {
		this.standIn = new BulkStandIn(answer, (body) -> this.status.apply(body));
	}

}
