package io.panopticon.alert.notify;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.sun.net.httpserver.HttpServer;
import io.panopticon.alert.notify.Receiver.Answer;
import io.panopticon.alert.outbound.OutboundPolicy;
import org.apache.hc.core5.http.message.BasicHeader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP transport against loopback receivers: the address policy is applied to the
 * resolved address before anything is sent, and answers are classified for the outbox.
 */
class HttpTransportTest {

	private static final byte[] BODY = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);

	@Test
	void loopbackIsDeniedUnlessAllowed() throws Exception {
		try (Receiver receiver = Receiver.start();
				HttpTransport denying = transport(List.of());
				HttpTransport allowing = transport(List.of("127.0.0.0/8"))) {
			Attempt denied = denying.post(receiver.url("/hook"), BODY, UUID.randomUUID(), null);
			assertThat(denied.outcome()).isEqualTo(Attempt.FAILED);
			assertThat(denied.error()).contains("127.0.0.1").contains("panopticon.outbound.allowed-networks");
			assertThat(receiver.requests()).isEmpty();

			Attempt delivered = allowing.post(receiver.url("/hook"), BODY, UUID.randomUUID(), null);
			assertThat(delivered.outcome()).isEqualTo(Attempt.DELIVERED);
			assertThat(delivered.statusCode()).isEqualTo(200);
			assertThat(receiver.requests()).hasSize(1);
		}
	}

	@Test
	void aNameIsJudgedByWhatItResolvesToAndThatAddressIsTheOneConnectedTo() throws Exception {
		try (Receiver receiver = Receiver.start()) {
			int port = Integer.parseInt(receiver.url("").replaceAll(".*:", ""));
			// A name whose first answer was public and whose answer now is loopback.
			OutboundPolicy rebinding = new OutboundPolicy(List.of(), (host) -> address("127.0.0.1"));
			try (HttpTransport transport = new HttpTransport(rebinding, Duration.ofSeconds(5), 2, CLOCK)) {
				Attempt attempt = transport.post("http://hooks.example.test:" + port + "/x", BODY, UUID.randomUUID(),
						null);
				assertThat(attempt.outcome()).isEqualTo(Attempt.FAILED);
				assertThat(receiver.requests()).isEmpty();
			}
			// Allowed: the connection goes to the address the policy returned, whatever
			// the system resolver would say about the name.
			OutboundPolicy pinned = new OutboundPolicy(List.of("127.0.0.0/8"), (host) -> address("127.0.0.1"));
			try (HttpTransport transport = new HttpTransport(pinned, Duration.ofSeconds(5), 2, CLOCK)) {
				Attempt attempt = transport.post("http://hooks.example.test:" + port + "/x", BODY, UUID.randomUUID(),
						null);
				assertThat(attempt.outcome()).isEqualTo(Attempt.DELIVERED);
				assertThat(receiver.requests()).hasSize(1);
				assertThat(receiver.requests().get(0).header("Host")).startsWith("hooks.example.test");
			}
		}
	}

	@Test
	void answersAreClassified() throws Exception {
		try (Receiver receiver = Receiver.start(Answer.status(500), new Answer(429, "7"), Answer.status(404),
				Answer.status(301), Answer.status(204)); HttpTransport transport = transport(List.of("127.0.0.0/8"))) {
			UUID id = UUID.randomUUID();
			Attempt serverError = transport.post(receiver.url("/"), BODY, id, null);
			assertThat(serverError.outcome()).isEqualTo(Attempt.RETRY);
			assertThat(serverError.statusCode()).isEqualTo(500);
			Attempt throttled = transport.post(receiver.url("/"), BODY, id, null);
			assertThat(throttled.outcome()).isEqualTo(Attempt.RETRY);
			assertThat(throttled.retryAfter()).isEqualTo(Duration.ofSeconds(7));
			assertThat(transport.post(receiver.url("/"), BODY, id, null).outcome()).isEqualTo(Attempt.FAILED);
			assertThat(transport.post(receiver.url("/"), BODY, id, null).outcome()).isEqualTo(Attempt.FAILED);
			assertThat(transport.post(receiver.url("/"), BODY, id, "a-signing-secret-of-length").outcome())
				.isEqualTo(Attempt.DELIVERED);
			assertThat(receiver.requests()).hasSize(5);
			assertThat(receiver.requests()).allMatch((r) -> id.toString().equals(r.header("X-Panopticon-Delivery-Id")));
			Receiver.Request signed = receiver.requests().get(4);
			assertThat(signed.header("X-Panopticon-Timestamp")).isEqualTo("1796637600");
			assertThat(signed.header("X-Panopticon-Signature"))
				.isEqualTo(WebhookSignature.sign("a-signing-secret-of-length", "1796637600", BODY));
			assertThat(receiver.requests().get(0).header("X-Panopticon-Signature")).isNull();
		}
	}

	@Test
	void aReceiverThatDoesNotAnswerInTimeIsRetried() throws Exception {
		HttpServer silent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		silent.createContext("/", (exchange) -> {
			try {
				Thread.sleep(3_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.close();
		});
		silent.start();
		try (HttpTransport transport = new HttpTransport(
				new OutboundPolicy(List.of("127.0.0.0/8"), (host) -> address(host)), Duration.ofMillis(300), 2,
				CLOCK)) {
			Attempt attempt = transport.post("http://127.0.0.1:" + silent.getAddress().getPort() + "/", BODY,
					UUID.randomUUID(), null);
			assertThat(attempt.outcome()).isEqualTo(Attempt.RETRY);
			assertThat(attempt.error()).contains("timed out");
		}
		finally {
			silent.stop(0);
		}
	}

	@Test
	void retryAfterIsReadAsSecondsOrADate() throws IOException {
		try (HttpTransport transport = transport(List.of())) {
			assertThat(transport.retryAfter(new BasicHeader("Retry-After", "120"))).isEqualTo(Duration.ofMinutes(2));
			assertThat(transport.retryAfter(new BasicHeader("Retry-After", "Mon, 07 Dec 2026 10:01:00 GMT")))
				.isEqualTo(Duration.ofMinutes(1));
			assertThat(transport.retryAfter(new BasicHeader("Retry-After", "Mon, 07 Dec 2026 09:00:00 GMT")))
				.isEqualTo(Duration.ZERO);
			assertThat(transport.retryAfter(new BasicHeader("Retry-After", "999999999")))
				.isEqualTo(HttpTransport.MAX_RETRY_AFTER);
			assertThat(transport.retryAfter(new BasicHeader("Retry-After", "soon"))).isNull();
			assertThat(transport.retryAfter(null)).isNull();
		}
	}

	private static HttpTransport transport(List<String> allowed) {
		return new HttpTransport(new OutboundPolicy(allowed, HttpTransportTest::address), Duration.ofSeconds(5), 2,
				CLOCK);
	}

	private static InetAddress[] address(String host) {
		try {
			return InetAddress.getAllByName(host);
		}
		catch (UnknownHostException ex) {
			return new InetAddress[0];
		}
	}

}
