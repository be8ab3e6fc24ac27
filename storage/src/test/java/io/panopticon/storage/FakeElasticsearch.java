package io.panopticon.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny HTTP server that records requests and answers the first {@code failures} of them
 * with 400, for unit tests of retry and once-only logic. It stands in for Elasticsearch
 * only where Elasticsearch's behaviour is not what is being tested; the integration tests
 * use a real server.
 */
final class FakeElasticsearch implements AutoCloseable {

	private final HttpServer server;

	private final AtomicInteger failuresLeft;

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private final List<String> bodies = new CopyOnWriteArrayList<>();

	private final List<String> contentTypes = new CopyOnWriteArrayList<>();

	FakeElasticsearch(int failures) {
		this.failuresLeft = new AtomicInteger(failures);
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	private void handle(HttpExchange exchange) throws IOException {
		if (exchange.getRequestMethod().equals("GET") && exchange.getRequestURI().getPath().equals("/")) {
			// The backend probe, answered as the test distribution of Elasticsearch does;
			// not one of the requests the tests count.
			exchange.sendResponseHeaders(405, -1);
			exchange.close();
			return;
		}
		try (InputStream in = exchange.getRequestBody()) {
			this.bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		this.requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
		this.contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
		boolean fail = this.failuresLeft.getAndDecrement() > 0;
		byte[] body = (fail ? "{\"error\":\"boom\",\"status\":400}" : "{\"acknowledged\":true}")
			.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(fail ? 400 : 200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	Rest5Client client() {
		return Rest5Client.builder(URI.create("http://127.0.0.1:" + this.server.getAddress().getPort())).build();
	}

	List<String> requests() {
		return this.requests;
	}

	List<String> bodies() {
		return this.bodies;
	}

	List<String> contentTypes() {
		return this.contentTypes;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
