package io.panopticon.errorstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.panopticon.common.telemetry.LogLevel;
import io.panopticon.errorstream.StompProbe.Received;
import io.panopticon.testing.RealServers;
import io.panopticon.testing.TestServers;
import io.panopticon.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that stops reading is disconnected once it falls behind the send buffer or
 * time limit, while a normal client on the same instance keeps receiving everything. The
 * rate limit is out of the way here, so that every event is sent to both. The events are
 * published at about 1 MB/s, so that the normal client, on a busy machine, has a second
 * of margin before the 1 MB send buffer, while the slow one soon blocks a write for
 * longer than the send time limit.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "panopticon.error-stream.subscription-rate-limit=1000000",
				"panopticon.error-stream.send-buffer-limit=1MB", "panopticon.error-stream.send-time-limit=2s" })
@RealServers({ RealServers.Server.KAFKA, RealServers.Server.ELASTICSEARCH })
class SlowClientIT {

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private static final String TOPIC = "it.slow." + RUN;

	private static ErrorTopic errors;

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerKafka(registry);
		TestServers.registerElasticsearch(registry);
		registry.add("panopticon.jwt.public-key", TestTokens::publicKeyPem);
		registry.add("panopticon.topics.logs-error", () -> TOPIC);
	}

	@BeforeAll
	static void topic() {
		errors = ErrorTopic.create(TOPIC, 3);
	}

	@AfterAll
	static void close() {
		errors.close();
	}

	@Test
	void aSlowClientIsCutOffWhileANormalOneKeepsReceiving() throws Exception {
		errors.awaitStreaming(this.port);
		String service = "flood-" + RUN;
		double slowBefore = this.meters.counter("panopticon.error-stream.slow.clients.disconnected").count();
		try (StompProbe normal = StompProbe.connect(this.port, TestTokens.token("viewer"));
				RawWebSocket slow = RawWebSocket.open(this.port, null, 4096)) {
			Received received = normal.subscribe("/topic/error-logs", null);
			assertThat(slow.status()).isEqualTo(101);
			slow.sendFrame("CONNECT\naccept-version:1.2\nhost:127.0.0.1\nAuthorization:Bearer "
					+ TestTokens.token("viewer") + "\n\n\0");
			assertThat(slow.readMessage()).startsWith("CONNECTED\n");
			slow.sendFrame("SUBSCRIBE\nid:0\ndestination:/topic/error-logs\nreceipt:r-0\n\n\0");
			assertThat(slow.readMessage()).startsWith("RECEIPT\n");
			// From here on the slow client reads nothing.

			String padding = "x".repeat(4000);
			List<String> published = new ArrayList<>();
			for (int i = 0; i < 3000; i++) {
				published.add(errors.publish(ErrorTopic.event(service, "prod", LogLevel.ERROR, i + " " + padding)));
				if (i % 25 == 24) {
					errors.flush();
					Thread.sleep(100);
				}
			}
			errors.flush();

			List<String> ids = Received.errorLogs(received.await(3000, Duration.ofSeconds(120)))
				.stream()
				.map((message) -> message.path("id").asString())
				.toList();
			assertThat(normal.isConnected()).as("the normal client is still connected").isTrue();
			assertThat(ids).as("the normal client got everything, in order").containsExactlyElementsOf(published);
			assertThat(this.meters.counter("panopticon.error-stream.slow.clients.disconnected").count())
				.isEqualTo(slowBefore + 1);
			assertThat(slow.drainUntilClosed()).as("the server ended the slow client's connection").isTrue();
		}
	}

}
