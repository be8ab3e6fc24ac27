package io.panopticon.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for a Spring Boot service in {@link ServiceProcessIT}: the JDK's HTTP server
 * on the port of its {@code --server.port=} argument, answering {@code /actuator/health}
 * with {@code {"status":"UP"}}. {@code /args}, {@code /jvm} and {@code /env/NAME} show
 * how it was run; {@code --fail-at-start=true} makes it exit with code 3 at once. The
 * test packs this one class file into a jar, so it must not need another (no nested or
 * anonymous classes; lambdas compile into this one).
 */
public final class HealthEndpointMain {

	private HealthEndpointMain() {
	}

	public static void main(String[] args) throws IOException {
		int port = 0;
		for (String arg : args) {
			if (arg.startsWith("--server.port=")) {
				port = Integer.parseInt(arg.substring("--server.port=".length()));
			}
			if (arg.equals("--fail-at-start=true")) {
				System.err.println("Failing at start as asked");
				System.exit(3);
			}
		}
		HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
		server.createContext("/actuator/health", (exchange) -> respond(exchange, "{\"status\":\"UP\"}"));
		server.createContext("/args", (exchange) -> respond(exchange, String.join("\n", args)));
		server.createContext("/jvm", (exchange) -> respond(exchange,
				String.join("\n", ManagementFactory.getRuntimeMXBean().getInputArguments())));
		server.createContext("/env/", (exchange) -> {
			String value = System.getenv(exchange.getRequestURI().getPath().substring("/env/".length()));
			respond(exchange, (value != null) ? value : "");
		});
		server.start();
		System.err.println("Listening on port " + port);
	}

	private static void respond(HttpExchange exchange, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
