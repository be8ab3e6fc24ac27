package io.panopticon.errorstream.stomp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.panopticon.common.security.JwtVerifier;
import io.panopticon.errorstream.log.ErrorLog;
import io.panopticon.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The STOMP sessions and the fan-out without a server: frames in, frames out.
 */
class ErrorLogFanoutTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ExecutorService senders = Executors.newFixedThreadPool(2);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final StreamMetrics metrics = new StreamMetrics(this.registry);

	private final ErrorLogFanout fanout = fanout(3, 64 * 1024);

	@AfterEach
	void stop() {
		this.senders.shutdownNow();
	}

	private ErrorLogFanout fanout(int rateLimit, long bufferLimit) {
		return new ErrorLogFanout(new ConnectAuthenticator(new JwtVerifier(TestTokens.publicKey()), false),
				new SessionSettings(rateLimit, 2, 10_000, 10_000_000_000L, bufferLimit, 10_000_000_000L), this.metrics,
				this.senders);
	}

	@Test
	void connectSubscribeAndReceiveInOrder() throws Exception {
		RecordingSession session = connect(this.fanout, "s1");
		send(this.fanout, session, "SUBSCRIBE\nid:a\ndestination:/topic/error-logs.orders\nreceipt:r1\n\n\0");
		assertThat(session.next()).isEqualTo("RECEIPT\nreceipt-id:r1\n\n\0");

		this.fanout.publish(log("1", "orders", "prod"));
		this.fanout.publish(log("2", "payments", "prod"));
		this.fanout.publish(log("3", "orders", null));
		String first = session.next();
		assertThat(first).startsWith("MESSAGE\ndestination:/topic/error-logs.orders\nsubscription:a\nmessage-id:s1-");
		assertThat(body(first)).contains("\"id\":\"1\"");
		assertThat(body(session.next())).contains("\"id\":\"3\"");
		assertThat(session.nextSoon()).as("nothing of payments").isNull();
		assertThat(this.metrics.sessions()).isEqualTo(1);
		assertThat(this.registry.counter("panopticon.error-stream.delivered").count()).isEqualTo(2);
	}

	@Test
	void environmentHeaderFilters() throws Exception {
		RecordingSession session = connect(this.fanout, "s1");
		send(this.fanout, session, "SUBSCRIBE\nid:a\ndestination:/topic/error-logs\nenvironment:prod\n\n\0");
		this.fanout.publish(log("1", "orders", "staging"));
		this.fanout.publish(log("2", "orders", null));
		this.fanout.publish(log("3", "search", "prod"));
		assertThat(body(session.next())).contains("\"id\":\"3\"");
		assertThat(session.nextSoon()).isNull();
	}

	@Test
	void aboveTheRateEventsAreSummarised() throws Exception {
		RecordingSession session = connect(this.fanout, "s1");
		send(this.fanout, session, "SUBSCRIBE\nid:a\ndestination:/topic/error-logs\n\n\0");
		for (int i = 0; i < 10; i++) {
			this.fanout.publish(log(Integer.toString(i), "orders", "prod", 1_000_000L + i));
		}
		for (int i = 0; i < 3; i++) {
			assertThat(body(session.next())).contains("\"id\":\"" + i + "\"");
		}
		this.fanout.tick();
		assertThat(body(session.next()))
			.isEqualTo("{\"type\":\"suppressed\",\"count\":7,\"since\":\"1970-01-01T00:00:01.000003Z\"}");
		this.fanout.tick();
		assertThat(session.nextSoon()).as("one summary per interval, none when nothing was left out").isNull();
		assertThat(this.registry.counter("panopticon.error-stream.suppressed").count()).isEqualTo(7);
	}

	@Test
	void connectWithoutTokenGetsAnErrorAndIsClosed() throws Exception {
		RecordingSession session = new RecordingSession("s1");
		this.fanout.open(session);
		send(this.fanout, session, "CONNECT\naccept-version:1.2\nhost:x\n\n\0");
		assertThat(session.next()).startsWith("ERROR\nmessage:a viewer token is required");
		awaitClosed(session);
		assertThat(session.closeStatus).isEqualTo(CloseStatus.POLICY_VIOLATION);
		assertThat(this.registry.counter("panopticon.error-stream.connections.refused", "reason", "unauthenticated")
			.count()).isEqualTo(1);
	}

	@Test
	void badFramesEndTheSession() throws Exception {
		for (String frame : new String[] { "SUBSCRIBE\nid:a\ndestination:/queue/x\n\n\0",
				"SEND\ndestination:/topic/error-logs\n\nhi\0", "SUBSCRIBE\ndestination:/topic/error-logs\n\n\0",
				"SUBSCRIBE\nid:a\ndestination:/topic/error-logs\nack:client\n\n\0" }) {
			RecordingSession session = connect(this.fanout, "s-" + frame.hashCode());
			send(this.fanout, session, frame);
			assertThat(session.next()).as(frame).startsWith("ERROR\n");
			awaitClosed(session);
		}
	}

	@Test
	void anUnknownCommandGetsOneErrorFrameNamingItAndEndsTheSession() throws Exception {
		RecordingSession session = connect(this.fanout, "s1");
		send(this.fanout, session, "FOO\nreceipt:r1\n\n\0");
		send(this.fanout, session, "BAR\n\n\0");
		send(this.fanout, session, "SUBSCRIBE\nid:a\ndestination:/topic/error-logs\nreceipt:r2\n\n\0");
		assertThat(session.next()).startsWith("ERROR\nmessage:unknown command 'FOO'");
		assertThat(session.nextSoon()).as("one ERROR frame, then nothing").isNull();
		awaitClosed(session);
		assertThat(session.closeStatus).isEqualTo(CloseStatus.POLICY_VIOLATION);
	}

	@Test
	void aClientThatStopsReadingIsCutOffAndOthersKeepReceiving() throws Exception {
		ErrorLogFanout small = fanout(1_000_000, 4096);
		RecordingSession slow = connect(small, "slow");
		RecordingSession normal = connect(small, "normal");
		send(small, slow, "SUBSCRIBE\nid:a\ndestination:/topic/error-logs\n\n\0");
		send(small, normal, "SUBSCRIBE\nid:a\ndestination:/topic/error-logs\n\n\0");
		slow.block();
		// In lockstep with the normal client, which reads at once; the slow one's frames
		// pile up.
		for (int i = 0; i < 40; i++) {
			small.publish(log(Integer.toString(i), "orders", "prod"));
			assertThat(body(normal.next())).contains("\"id\":\"" + i + "\"");
		}
		awaitClosed(slow);
		assertThat(slow.closeStatus).isEqualTo(CloseStatus.SESSION_NOT_RELIABLE);
		assertThat(this.registry.counter("panopticon.error-stream.slow.clients.disconnected").count()).isEqualTo(1);
		slow.release();
	}

	private static RecordingSession connect(ErrorLogFanout fanout, String id) throws InterruptedException {
		RecordingSession session = new RecordingSession(id);
		fanout.open(session);
		send(fanout, session, "CONNECT\naccept-version:1.1,1.2\nheart-beat:0,5000\nAuthorization:Bearer "
				+ TestTokens.token("viewer") + "\n\n\0");
		assertThat(session.next()).startsWith("CONNECTED\nversion:1.2\nheart-beat:10000,0\n");
		return session;
	}

	private static void send(ErrorLogFanout fanout, RecordingSession session, String frames) {
		fanout.session(session).receive(ByteBuffer.wrap(frames.getBytes(StandardCharsets.UTF_8)));
	}

	private static void awaitClosed(RecordingSession session) throws InterruptedException {
		for (int i = 0; i < 100 && session.closeStatus == null; i++) {
			Thread.sleep(50);
		}
		assertThat(session.closeStatus).isNotNull();
	}

	private static String body(String frame) {
		assertThat(frame).isNotNull();
		return frame.substring(frame.indexOf("\n\n") + 2, frame.length() - 1);
	}

	private static ErrorLog log(String id, String service, String environment) {
		return log(id, service, environment, 1_763_712_000_000_000L);
	}

	private static ErrorLog log(String id, String service, String environment, long micros) {
		return new ErrorLog(id, micros, service, environment, "ERROR", "failed", null, null, JSON.createObjectNode());
	}

}
