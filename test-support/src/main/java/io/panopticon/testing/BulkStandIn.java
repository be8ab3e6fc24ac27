package io.panopticon.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for Elasticsearch's {@code _bulk} endpoint, for unit tests: it answers each
 * request body as scripted and keeps every body it was sent.
 */
public final class BulkStandIn implements AutoCloseable {

	private final Queue<String> bodies = new ConcurrentLinkedQueue<>();

	private final HttpServer server;

	private final Rest5Client client;

	/**
	 * Starts the stand-in.
	 * @param answer the JSON answer to a request body
	 * @param status the HTTP status of the answer to a request body
	 */
	public BulkStandIn(Function<String, String> answer, Function<String, Integer> status) {
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
			exchange.sendResponseHeaders(status.apply(body), response.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(response);
			}
		});
		this.server.start();
		this.client = Rest5Client.builder(URI.create("http://127.0.0.1:" + this.server.getAddress().getPort())).build();
	}

	/**
	 * Returns a client of the stand-in.
	 * @return the client
	 */
	public Rest5Client client() {
		return this.client;
	}

	/**
	 * Returns every request body received so far, in order.
	 * @return the bodies
	 */
	public Queue<String> bodies() {
		return this.bodies;
	}

	/** Stops answering, as an unreachable Elasticsearch would. */
	public void stopAnswering() {
		this.server.stop(0);
	}

	@Override
	public void close() throws IOException {
		this.client.close();
		this.server.stop(0);
	}

}
