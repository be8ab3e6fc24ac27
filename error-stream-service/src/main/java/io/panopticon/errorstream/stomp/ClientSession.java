package io.panopticon.errorstream.stomp;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

import io.panopticon.common.web.SafeDetail;
import io.panopticon.errorstream.log.ErrorLogJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.BufferingStompDecoder;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompConversionException;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * One client connection speaking STOMP 1.2: the server side of CONNECT (with the token
 * check), SUBSCRIBE, UNSUBSCRIBE and DISCONNECT, receipts, heart-beats, and the frames it
 * is sent. The error stream is read-only: SEND and transactions are refused with an ERROR
 * frame, ACK and NACK are ignored (every subscription is {@code ack:auto}), and a frame
 * that is not STOMP (an unknown command, say) is answered with an ERROR frame naming the
 * problem. As STOMP asks, every ERROR frame ends the connection.
 */
final class ClientSession {

	private static final Logger log = LoggerFactory.getLogger(ClientSession.class);

	/** The biggest frame a client may send; CONNECT with a token is far below it. */
	private static final int MAX_INBOUND_FRAME = 64 * 1024;

	/** How much of an unknown command an ERROR frame repeats. */
	private static final int MAX_COMMAND_SHOWN = 40;

	private enum State {

		AWAITING_CONNECT, CONNECTED, CLOSED

	}

	private final WebSocketSession webSocket;

	private final ErrorLogFanout fanout;

	private final ConnectAuthenticator authenticator;

	private final SessionSettings settings;

	private final StreamMetrics metrics;

	private final Outbox outbox;

	private final BufferingStompDecoder decoder = new BufferingStompDecoder(new StompDecoder(), MAX_INBOUND_FRAME);

	private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();

	private final AtomicLong messageIds = new AtomicLong();

	private final long openedNanos = System.nanoTime();

	private volatile State state = State.AWAITING_CONNECT;

	/**
	 * Set once an ERROR frame was sent: the session ends, and nothing it sends counts.
	 */
	private volatile boolean failed;

	private volatile String principal = "-";

	private volatile Instant expiresAt;

	private volatile long heartbeatNanos;

	private volatile long lastOfferNanos = System.nanoTime();

	ClientSession(WebSocketSession webSocket, ErrorLogFanout fanout, ConnectAuthenticator authenticator,
			SessionSettings settings, StreamMetrics metrics, Executor senders) {
		this.webSocket = webSocket;
		this.fanout = fanout;
		this.authenticator = authenticator;
		this.settings = settings;
		this.metrics = metrics;
		this.outbox = new Outbox(webSocket, senders, settings.sendBufferLimit(), settings.sendTimeLimitNanos(),
				new Outbox.Listener() {

					@Override
					public void written(long eventMicros) {
						if (eventMicros >= 0) {
							metrics.delivered(eventMicros, nowMicros());
						}
					}

					@Override
					public void slow(String reason) {
						metrics.slowClientDisconnected();
						log.info("Disconnecting slow client (session {}, {}): {}", webSocket.getId(),
								ClientSession.this.principal, reason);
					}

				});
	}

	String id() {
		return this.webSocket.getId();
	}

	Collection<Subscription> subscriptions() {
		return this.subscriptions.values();
	}

	/**
	 * Handles what the client sent: one WebSocket message holding any number of frames
	 * and heart-beats, or part of one.
	 * @param payload the message's bytes
	 */
	void receive(ByteBuffer payload) {
		if (this.state == State.CLOSED || this.failed) {
			return;
		}
		List<Message<byte[]>> frames;
		try {
			frames = this.decoder.decode(payload);
		}
		catch (StompConversionException | IllegalArgumentException ex) {
			String reason = invalidFrame(ex);
			// Once per session: the ERROR frame ends it, and what it sends until then is
			// ignored.
			log.info("Session {} ({}) sent an invalid STOMP frame: {}", id(), this.principal, reason);
			error(reason, null);
			return;
		}
		for (Message<byte[]> frame : frames) {
			if (this.state == State.CLOSED || this.failed || this.outbox.isClosed()) {
				return;
			}
			handle(StompHeaderAccessor.wrap(frame));
		}
	}

	/**
	 * What to tell a client whose frame could not be decoded. Spring's decoder reads the
	 * command with {@code StompCommand.valueOf}, so an unknown command surfaces as that
	 * method's exception, whose message ends with the command.
	 */
	static String invalidFrame(RuntimeException ex) {
		String prefix = "No enum constant " + StompCommand.class.getCanonicalName() + ".";
		String message = (ex.getMessage() != null) ? ex.getMessage() : "";
		if (ex instanceof IllegalArgumentException && message.startsWith(prefix)) {
			String command = message.substring(prefix.length());
			if (command.length() > MAX_COMMAND_SHOWN) {
				command = command.substring(0, MAX_COMMAND_SHOWN) + "…";
			}
			return "unknown command '" + command + "'; the error stream understands CONNECT, STOMP, SUBSCRIBE, "
					+ "UNSUBSCRIBE, ACK, NACK and DISCONNECT";
		}
		return "the frame is not valid STOMP: " + SafeDetail.of(message);
	}

	private void handle(StompHeaderAccessor frame) {
		if (frame.isHeartbeat()) {
			return;
		}
		StompCommand command = frame.getCommand();
		if (command == StompCommand.CONNECT || command == StompCommand.STOMP) {
			connect(frame);
			return;
		}
		if (this.state != State.CONNECTED) {
			error("send CONNECT first", frame);
			return;
		}
		switch (command) {
			case SUBSCRIBE -> subscribe(frame);
			case UNSUBSCRIBE -> unsubscribe(frame);
			case DISCONNECT -> {
				receipt(frame);
				this.outbox.closeWhenDrained(CloseStatus.NORMAL);
			}
			case ACK, NACK -> {
				// Every subscription is ack:auto.
			}
			case SEND -> error("the error stream is read-only", frame);
			default -> error(command + " is not supported", frame);
		}
	}

	private void connect(StompHeaderAccessor frame) {
		if (this.state != State.AWAITING_CONNECT) {
			error("the session is already connected", frame);
			return;
		}
		Set<String> versions = frame.getAcceptVersion();
		if (versions != null && !versions.isEmpty() && !versions.contains("1.2")) {
			this.metrics.refused("version");
			error("STOMP 1.2 is required; the client offers " + String.join(",", versions), frame);
			return;
		}
		ConnectAuthenticator.Access access;
		try {
			access = this.authenticator.authenticate(authorization(frame));
		}
		catch (ConnectAuthenticator.Refused ex) {
			this.metrics.refused(ex.reason());
			log.debug("Refused CONNECT of session {}: {}", id(), ex.reason());
			error(ex.getMessage(), frame);
			return;
		}
		this.principal = access.principal();
		this.expiresAt = access.expiresAt();
		long[] heartbeat = frame.getHeartbeat();
		long wanted = (heartbeat != null && heartbeat.length == 2) ? heartbeat[1] : 0;
		long every = (this.settings.heartbeatMillis() > 0 && wanted > 0)
				? Math.max(this.settings.heartbeatMillis(), wanted) : 0;
		this.heartbeatNanos = every * 1_000_000;
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("version", "1.2");
		headers.put("heart-beat", every + ",0");
		headers.put("server", "panopticon-error-stream");
		headers.put("session", id());
		headers.put("user-name", this.principal);
		this.state = State.CONNECTED;
		this.fanout.connected(this);
		offer(StompFrames.frame("CONNECTED", headers), -1);
	}

	private static String authorization(StompHeaderAccessor frame) {
		String value = frame.getFirstNativeHeader("Authorization");
		return (value != null) ? value : frame.getFirstNativeHeader("authorization");
	}

	private void subscribe(StompHeaderAccessor frame) {
		String id = frame.getSubscriptionId();
		if (id == null || id.isEmpty()) {
			error("SUBSCRIBE needs an id header", frame);
			return;
		}
		Optional<String> service;
		try {
			service = Destinations.serviceOf(frame.getDestination());
		}
		catch (IllegalArgumentException ex) {
			error(ex.getMessage(), frame);
			return;
		}
		String ack = frame.getFirstNativeHeader("ack");
		if (ack != null && !"auto".equals(ack)) {
			error("only ack:auto is supported", frame);
			return;
		}
		if (this.subscriptions.containsKey(id)) {
			error("the subscription id '" + id + "' is in use", frame);
			return;
		}
		if (this.subscriptions.size() >= this.settings.maxSubscriptions()) {
			error("a session may hold at most " + this.settings.maxSubscriptions() + " subscriptions", frame);
			return;
		}
		String environment = frame.getFirstNativeHeader("environment");
		Subscription subscription = new Subscription(this, id, frame.getDestination(), service.orElse(null),
				(environment == null || environment.isBlank()) ? null : environment, this.settings.rateLimit(),
				this.metrics, System.nanoTime());
		this.subscriptions.put(id, subscription);
		this.fanout.subscribed(subscription);
		receipt(frame);
	}

	private void unsubscribe(StompHeaderAccessor frame) {
		String id = frame.getSubscriptionId();
		Subscription subscription = (id != null) ? this.subscriptions.remove(id) : null;
		if (subscription != null) {
			this.fanout.unsubscribed(subscription);
		}
		receipt(frame);
	}

	private void receipt(StompHeaderAccessor frame) {
		String receipt = frame.getReceipt();
		if (receipt != null) {
			offer(StompFrames.frame("RECEIPT", Map.of("receipt-id", receipt)), -1);
		}
	}

	/**
	 * Sends an ERROR frame and closes the connection once it is written, as STOMP asks;
	 * only the first error of a session is sent.
	 * @param message what went wrong, for the client
	 * @param frame the frame that caused it, or {@code null}
	 */
	private void error(String message, StompHeaderAccessor frame) {
		if (this.failed) {
			return;
		}
		this.failed = true;
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("message", message);
		String receipt = (frame != null) ? frame.getReceipt() : null;
		if (receipt != null) {
			headers.put("receipt-id", receipt);
		}
		offer(StompFrames.frame("ERROR", headers, "text/plain", message), -1);
		this.outbox.closeWhenDrained(CloseStatus.POLICY_VIOLATION);
	}

	void sendEvent(Subscription subscription, EncodedEvent event) {
		offer(StompFrames.message(subscription.destination(), subscription.id(), nextMessageId(), event.body(),
				event.bodyLength()), event.log().timestampMicros());
	}

	void sendBody(Subscription subscription, String json) {
		offer(StompFrames.message(subscription.destination(), subscription.id(), nextMessageId(), json,
				ErrorLogJson.utf8Length(json)), -1);
	}

	private String nextMessageId() {
		return id() + "-" + this.messageIds.incrementAndGet();
	}

	private void offer(String frame, long eventMicros) {
		this.lastOfferNanos = System.nanoTime();
		this.outbox.offer(frame, eventMicros);
	}

	/**
	 * The periodic duties: end connections that never sent CONNECT or whose token
	 * expired, and send a heart-beat where one is due.
	 * @param nowNanos the current {@link System#nanoTime()}
	 * @param now the current time
	 */
	void tick(long nowNanos, Instant now) {
		State current = this.state;
		if (current == State.AWAITING_CONNECT && nowNanos - this.openedNanos > this.settings.connectTimeoutNanos()) {
			error("no CONNECT frame within " + this.settings.connectTimeoutNanos() / 1_000_000 + " ms", null);
		}
		else if (current == State.CONNECTED) {
			Instant expiry = this.expiresAt;
			if (expiry != null && !now.isBefore(expiry)) {
				error("the token has expired; connect again with a fresh one", null);
			}
			else if (this.heartbeatNanos > 0 && nowNanos - this.lastOfferNanos >= this.heartbeatNanos) {
				offer(StompFrames.HEARTBEAT, -1);
			}
		}
	}

	/**
	 * Forgets the session's subscriptions once its connection is closed.
	 * @return whether it had completed CONNECT
	 */
	boolean closed() {
		boolean wasConnected = this.state == State.CONNECTED;
		this.state = State.CLOSED;
		this.outbox.close(CloseStatus.NORMAL);
		for (Subscription subscription : this.subscriptions.values()) {
			this.fanout.unsubscribed(subscription);
		}
		this.subscriptions.clear();
		return wasConnected;
	}

	/**
	 * Closes the connection at once, for example when the server shuts down.
	 * @param status the close status
	 */
	void close(CloseStatus status) {
		this.outbox.close(status);
	}

	static long nowMicros() {
		return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
	}

}
