package io.panopticon.alert.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP server standing in for Slack, Discord, Teams or a webhook receiver: it
 * records every request and answers with the scripted statuses in turn, then 200.
 */
public final class Receiver implements AutoCloseable {

	private final HttpServer server;

	private final Deque<Answer> script = new ArrayDeque<>();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private Receiver(HttpServer server) {
		this.server = server;
	}

	public static Receiver start(Answer... answers) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			Receiver receiver = new Receiver(server);
			receiver.script.addAll(List.of(answers));
			server.createContext("/", (exchange) -> {
				byte[] body = exchange.getRequestBody().readAllBytes();
				Map<String, List<String>> headers = Map.copyOf(exchange.getRequestHeaders());
				receiver.requests.add(new Request(System.nanoTime(), exchange.getRequestMethod(),
						exchange.getRequestURI().toString(), headers, body));
				Answer answer;
				synchronized (receiver.script) {
					answer = receiver.script.isEmpty() ? new Answer(200, null) : receiver.script.poll();
				}
				if (answer.retryAfter() != null) {
					exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
				}
				byte[] reply = ("{\"status\":" + answer.status() + "}").getBytes();
				exchange.sendResponseHeaders(answer.status(), reply.length);
				exchange.getResponseBody().write(reply);
				exchange.close();
			});
			server.start();
			return receiver;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	public List<Request> requests() {
		return List.copyOf(this.requests);
	}

	/** Waits until at least the given number of requests came; fails after a minute. */
	public List<Request> await(int count) {
		long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
		while (this.requests.size() < count) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("expected " + count + " requests, got " + this.requests.size());
			}
			pause();
		}
		return requests();
	}

	public static void pause() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * @param status the status to answer
	 * @param retryAfter the {@code Retry-After} header, or null
	 */
	public record Answer(int status, String retryAfter) {

		public static Answer status(int status) {
			return new Answer(status, null);
		}

	}

	/**
	 * @param nanoTime when it came ({@link System#nanoTime()})
	 * @param method the method
	 * @param path the path
	 * @param headers the headers, keys as the server normalised them
	 * @param body the body
	 */
	public record Request(long nanoTime, String method, String path, Map<String, List<String>> headers, byte[] body) {

		public String header(String name) {
			for (Map.Entry<String, List<String>> header : this.headers.entrySet()) {
				if (header.getKey().equalsIgnoreCase(name)) {
					return header.getValue().get(0);
				}
			}
			return null;
		}

	}

}
