package io.panopticon.common.security;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IntrospectionClientTest {

	private final AtomicInteger calls = new AtomicInteger();

	private final AtomicReference<String> answer = new AtomicReference<>(
			"{\"active\":true,\"sub\":\"apikey:3\",\"role\":\"reporter\",\"exp\":1800000000}");

	private final AtomicReference<String> lastBody = new AtomicReference<>();

	private HttpServer server;

	private Instant now = Instant.parse("2026-12-01T00:00:00Z");

	private IntrospectionClient client;

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/api/auth/introspect", (exchange) -> {
			this.calls.incrementAndGet();
			this.lastBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			byte[] body = this.answer.get().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.start();
		Clock clock = new Clock() {
			@Override
			public Instant instant() {
				return IntrospectionClientTest.this.now;
			}

			@Override
			public ZoneOffset getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(java.time.ZoneId zone) {
				return this;
			}
		};
		this.client = new IntrospectionClient(
				URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/api/auth/introspect"),
				Duration.ofSeconds(2), Duration.ofSeconds(60), clock);
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void readsTheGrantAndKeepsItAtMostTheCacheTime() {
		VerifiedToken token = this.client.introspect("pk_abc").orElseThrow();
		assertThat(token).isEqualTo(new VerifiedToken("apikey:3", Role.REPORTER, Instant.ofEpochSecond(1800000000)));
		assertThat(this.lastBody.get()).isEqualTo("{\"token\":\"pk_abc\"}");
		this.answer.set("{\"active\":false}");
		this.now = this.now.plusSeconds(59);
		assertThat(this.client.introspect("pk_abc")).isPresent();
		assertThat(this.calls).hasValue(1);
		this.now = this.now.plusSeconds(2);
		assertThat(this.client.introspect("pk_abc")).isEmpty();
		assertThat(this.calls).hasValue(2);
	}

	@Test
	void refusesWhenAlertServiceIsDown() {
		this.server.stop(0);
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.client.introspect("pk_x"))
			.withMessageContaining("cannot be checked");
	}

}
