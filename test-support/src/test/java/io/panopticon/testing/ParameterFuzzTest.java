package io.panopticon.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.panopticon.testing.ParameterFuzz.Endpoint;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fuzz harness catches what it is for: a 500, a hung request, an error that is no
 * problem, and a 400 that names no parameter of the endpoint; and lets a careful
 * service's answers pass.
 */
class ParameterFuzzTest {

	private HttpServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	@Test
	void requestsAreTheSameForTheSameSeed() throws IOException {
		ParameterFuzz fuzz = fuzz((query) -> new Canned(200, "application/json", "{}"));
		for (long seed = 0; seed < 50; seed++) {
			assertThat(fuzz.generate(new Random(seed)).uri()).isEqualTo(fuzz.generate(new Random(seed)).uri());
		}
	}

	@Test
	void aCarefulServicePasses() throws IOException {
		ParameterFuzz fuzz = fuzz((query) -> (query == null || !query.contains("limit="))
				? new Canned(200, "application/vnd.spring-boot.actuator.v3+json", "{}")
				: new Canned(400, "application/problem+json",
						"{\"status\":400,\"invalid-params\":[{\"name\":\"limit\",\"reason\":\"no\"}]}"));
		ParameterFuzz.Report report = fuzz.run(200, 2, 1, Duration.ofSeconds(30));
		assertThat(report.failures()).isEmpty();
		assertThat(report.sent()).isEqualTo(200);
	}

	@Test
	void failuresAreFound() throws IOException {
		assertThat(runAgainst(new Canned(500, "application/problem+json", "{\"status\":500}")).failures()).isNotEmpty()
			.allMatch((failure) -> failure.contains("→ 500"));
		assertThat(runAgainst(new Canned(404, "text/html", "<html>")).failures()).isNotEmpty()
			.allMatch((failure) -> failure.contains("not a problem"));
		assertThat(runAgainst(new Canned(400, "application/problem+json",
				"{\"status\":400,\"invalid-params\":[{\"name\":\"elsewhere\"}]}"))
			.failures()).isNotEmpty().allMatch((failure) -> failure.contains("naming 'elsewhere'"));
		assertThat(runAgainst(null).failures()).isNotEmpty().allMatch((failure) -> failure.contains("hung"));
	}

	private ParameterFuzz.Report runAgainst(Canned canned) throws IOException {
		stop();
		return fuzz((query) -> canned).run(6, 2, 7, Duration.ofSeconds(30));
	}

	private ParameterFuzz fuzz(Function<String, Canned> answer) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.createContext("/",
				(exchange) -> respond(exchange, answer.apply(exchange.getRequestURI().getRawQuery())));
		this.server.start();
		return ParameterFuzz.against("http://127.0.0.1:" + this.server.getAddress().getPort())
			.token("t")
			.endpoints(Endpoint.of("/api/things/{name}", "limit", "from"))
			.valid("limit", java.util.List.of("5"))
			.timeout(Duration.ofSeconds(1))
			.build();
	}

	private void respond(HttpExchange exchange, Canned canned) throws IOException {
		if (canned == null) {
			try {
				// Answers long after the client's timeout of a second: a hung request.
				Thread.sleep(5_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.close();
			return;
		}
		byte[] body = canned.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", canned.type());
		exchange.sendResponseHeaders(canned.status(), body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private record Canned(int status, String type, String body) {
	}

}
