package io.panopticon.query.search;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import com.sun.net.httpserver.HttpServer;
import io.panopticon.storage.StorageClient;
import io.panopticon.storage.StorageException;
import io.panopticon.storage.StorageUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How the client reads answers and sorts failures, against a local HTTP server that
 * answers as Elasticsearch would.
 */
class SearchClientTest {

	private static final SearchRequest SEARCH = SearchRequest.builder(List.of("logs-apm-*")).size(1).build();

	private HttpServer server;

	private Rest5Client rest;

	private final AtomicReference<String> lastRequest = new AtomicReference<>();

	@AfterEach
	void stop() throws IOException {
		if (this.rest != null) {
			this.rest.close();
		}
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	@Test
	void readsHitsTotalsAndAggregations() {
		SearchClient client = answering(200,
				"{\"hits\":{\"total\":{\"value\":7,\"relation\":\"eq\"},\"hits\":["
						+ "{\"_index\":\"logs-apm-2026.11.22\",\"_source\":{\"message\":\"m\"},\"sort\":[5,\"x\",1]}]},"
						+ "\"aggregations\":{\"start\":{\"value\":5.0}}}");
		SearchResponse response = client.search(SEARCH);
		assertThat(this.lastRequest.get())
			.isEqualTo("POST /logs-apm-*/_search?ignore_unavailable=true&allow_no_indices=true " + SEARCH.body());
		assertThat(response.total()).isEqualTo(7);
		assertThat(response.hits()).hasSize(1);
		assertThat(response.hits().get(0).index()).isEqualTo("logs-apm-2026.11.22");
		assertThat(response.hits().get(0).sort().toString()).isEqualTo("[5,\"x\",1]");
		assertThat(response.aggregations().at("/start/value").asLong()).isEqualTo(5);
	}

	@Test
	void overloadedOrUnreachableStoreIsUnavailable() throws IOException {
		assertThatExceptionOfType(StorageUnavailableException.class)
			.isThrownBy(() -> answering(429, "{\"error\":\"too many\"}").search(SEARCH));
		stop();
		assertThatExceptionOfType(StorageUnavailableException.class)
			.isThrownBy(() -> answering(503, "{\"error\":\"unavailable\"}").search(SEARCH));
		stop();
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		this.rest = Rest5Client.builder(URI.create("http://127.0.0.1:" + closedPort)).build();
		assertThatExceptionOfType(StorageUnavailableException.class)
			.isThrownBy(() -> new SearchClient(new StorageClient(this.rest)).search(SEARCH));
	}

	@Test
	void refusedRequestIsThisServicesFault() {
		assertThatExceptionOfType(StorageException.class)
			.isThrownBy(() -> answering(400, "{\"error\":{\"type\":\"parsing_exception\"}}").search(SEARCH))
			.isNotInstanceOf(StorageUnavailableException.class)
			.withMessageContaining("400")
			.withMessageContaining("parsing_exception");
	}

	@Test
	void multiSearchAnswersInOrderAndFailsOnAFailedEntry() throws IOException {
		SearchClient ok = answering(200, "{\"responses\":[{\"hits\":{\"hits\":[]}},"
				+ "{\"hits\":{\"hits\":[{\"_index\":\"i\",\"_source\":{},\"sort\":[1]}]}}]}");
		List<SearchResponse> responses = ok.multiSearch(new MultiSearchRequest(List.of(SEARCH, SEARCH)));
		assertThat(responses).extracting((response) -> response.hits().size()).containsExactly(0, 1);
		assertThat(this.lastRequest.get()).startsWith("POST /_msearch {\"index\":\"logs-apm-*\"");
		stop();
		SearchClient failing = answering(200,
				"{\"responses\":[{\"hits\":{\"hits\":[]}},{\"error\":{\"type\":\"es_rejected\"},\"status\":429}]}");
		assertThatExceptionOfType(StorageUnavailableException.class)
			.isThrownBy(() -> failing.multiSearch(new MultiSearchRequest(List.of(SEARCH, SEARCH))));
	}

	private SearchClient answering(int status, String body) {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.createContext("/", (exchange) -> {
			String query = exchange.getRequestURI().getRawQuery();
			this.lastRequest.set(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()
					+ ((query != null) ? "?" + query : "") + " "
					+ new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.getResponseHeaders().add("X-elastic-product", "Elasticsearch");
			exchange.sendResponseHeaders(status, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		this.server.start();
		this.rest = Rest5Client.builder(URI.create("http://127.0.0.1:" + this.server.getAddress().getPort())).build();
		return new SearchClient(new StorageClient(this.rest));
	}

}
