package io.panopticon.ingest.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import io.panopticon.ingest.IngestProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The bulk indexer against a stand-in {@code _bulk} endpoint that answers as scripted.
 */
class BulkIndexerTest {

	private final ConcurrentLinkedQueue<String> bodies = new ConcurrentLinkedQueue<>();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private HttpServer server;

	private Function<String, Integer> status = (body) -> 200;

	private Rest5Client client;

	@AfterEach
	void stop() throws IOException {
		if (this.client != null) {
			this.client.close();
		}
		if (this.server != null) {
			this.server.stop(0);
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
		assertThat(this.bodies).hasSize(3);
		assertThat(this.bodies).last()
			.satisfies((body) -> assertThat(body).contains("\"_id\":\"id-1\"").doesNotContain("id-0"));
		assertThat(this.registry.get("panopticon.ingest.retried").counter().count()).isEqualTo(1);
	}

	@Test
	void givesUpWithStorageUnavailableWhenTransientFailuresPersist() {
		start((body) -> "{\"items\":[{\"create\":{\"status\":503,\"error\":{\"type\":\"unavailable_shards_exception\"}}}]}");
		assertThatExceptionOfType(StorageUnavailableException.class).isThrownBy(() -> indexer(10, 3).index(items(1)))
			.withMessageContaining("after 3 attempts");
		assertThat(this.bodies).hasSize(3);
	}

	@Test
	void reportsPermanentRejectionsWithoutRetrying() {
		start((body) -> "{\"items\":[{\"create\":{\"status\":201}},"
				+ "{\"create\":{\"status\":400,\"error\":{\"type\":\"document_parsing_exception\",\"reason\":\"x\"}}}]}");
		List<BulkOutcome> outcomes = indexer(10, 3).index(items(2));
		assertThat(outcomes.get(0)).isEqualTo(BulkOutcome.CREATED);
		assertThat(outcomes.get(1).status()).isEqualTo(BulkOutcome.Status.REJECTED);
		assertThat(this.bodies).hasSize(1);
	}

	@Test
	void wholeRequestRefusalIsRetriedNotMistakenForItems() {
		AtomicInteger calls = new AtomicInteger();
		this.status = (body) -> (calls.get() == 1) ? 429 : 200;
		start((body) -> (calls.incrementAndGet() == 1)
				? "{\"error\":{\"type\":\"es_rejected_execution_exception\"},\"status\":429}"
				: "{\"items\":[{\"create\":{\"status\":201}}]}");
		assertThat(indexer(10, 3).index(items(1))).containsExactly(BulkOutcome.CREATED);
		assertThat(this.bodies).hasSize(2);
	}

	@Test
	void unreachableElasticsearchIsStorageUnavailable() throws IOException {
		start((body) -> "{}");
		this.server.stop(0);
		assertThatExceptionOfType(StorageUnavailableException.class).isThrownBy(() -> indexer(10, 2).index(items(1)));
	}

	private BulkIndexer indexer(int batchSize, int maxAttempts) {
		IngestProperties.Bulk bulk = new IngestProperties.Bulk(batchSize, DataSize.ofMegabytes(5),
				Duration.ofMillis(200), 2, maxAttempts, Duration.ofMillis(1), Duration.ofMillis(5));
		return new BulkIndexer(this.client, bulk, new IngestMetrics(this.registry));
	}

	private static List<BulkItem> items(int count) {
		List<BulkItem> items = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			items.add(new BulkItem("traces-apm-2026.11.22", "id-" + i, "{\"n\":1}".getBytes(StandardCharsets.UTF_8)));
		}
		return items;
	}

	private void start(Function<String, String> answer) {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.createContext("/_bulk", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			this.bodies.add(body);
			byte[] response = answer.apply(body).getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(this.status.apply(body), response.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(response);
			}
		});
		this.server.start();
		this.client = Rest5Client.builder(URI.create("http://127.0.0.1:" + this.server.getAddress().getPort())).build();
	}

}
