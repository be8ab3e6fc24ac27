package io.panopticon.errorstream.stomp;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executor;

import io.panopticon.errorstream.log.ErrorLog;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * Hands every error log to the subscriptions that want it: those of
 * {@code /topic/error-logs} and those of the log's service. Subscriptions are indexed by
 * service, so an event costs one look-up plus its subscribers. {@link #publish} is called
 * by the one consumer thread, in partition order, and a session's frames are written in
 * the order they were queued, so every client sees one service's error logs in the order
 * they were produced.
 */
public final class ErrorLogFanout {

	private final ConnectAuthenticator authenticator;

	private final SessionSettings settings;

	private final StreamMetrics metrics;

	private final Executor senders;

	private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();

	private final Set<Subscription> all = new CopyOnWriteArraySet<>();

	private final Map<String, Set<Subscription>> byService = new ConcurrentHashMap<>();

	/**
	 * @param authenticator checks CONNECT frames
	 * @param settings what each session is allowed
	 * @param metrics the meters
	 * @param senders writes to the sessions
	 */
	public ErrorLogFanout(ConnectAuthenticator authenticator, SessionSettings settings, StreamMetrics metrics,
			Executor senders) {
		this.authenticator = authenticator;
		this.settings = settings;
		this.metrics = metrics;
		this.senders = senders;
	}

	/**
	 * Sends an error log to every subscription that wants it.
	 * @param log the error log
	 */
	public void publish(ErrorLog log) {
		Set<Subscription> service = this.byService.get(log.serviceName());
		if (this.all.isEmpty() && (service == null || service.isEmpty())) {
			return;
		}
		EncodedEvent event = EncodedEvent.of(log);
		long now = System.nanoTime();
		for (Subscription subscription : this.all) {
			subscription.deliver(event, now);
		}
		if (service != null) {
			for (Subscription subscription : service) {
				subscription.deliver(event, now);
			}
		}
	}

	/**
	 * Sends the due summaries, heart-beats and expiries; called every summary interval.
	 */
	public void tick() {
		long nowNanos = System.nanoTime();
		Instant now = Instant.now();
		for (ClientSession session : this.sessions.values()) {
			session.tick(nowNanos, now);
			for (Subscription subscription : session.subscriptions()) {
				subscription.flushSummary();
			}
		}
	}

	/**
	 * Closes every session, for example at shutdown, so that clients reconnect to another
	 * instance.
	 * @param status the close status
	 */
	public void closeAll(CloseStatus status) {
		this.sessions.values().forEach((session) -> session.close(status));
	}

	ClientSession open(WebSocketSession webSocket) {
		ClientSession session = new ClientSession(webSocket, this, this.authenticator, this.settings, this.metrics,
				this.senders);
		this.sessions.put(webSocket.getId(), session);
		return session;
	}

	ClientSession session(WebSocketSession webSocket) {
		return this.sessions.get(webSocket.getId());
	}

	void closed(WebSocketSession webSocket) {
		ClientSession session = this.sessions.remove(webSocket.getId());
		if (session != null && session.closed()) {
			this.metrics.sessionClosed();
		}
	}

	void connected(ClientSession session) {
		this.metrics.sessionConnected();
	}

	void subscribed(Subscription subscription) {
		if (subscription.service() == null) {
			this.all.add(subscription);
		}
		else {
			this.byService.compute(subscription.service(), (service, set) -> {
				Set<Subscription> target = (set != null) ? set : new CopyOnWriteArraySet<>();
				target.add(subscription);
				return target;
			});
		}
	}

	void unsubscribed(Subscription subscription) {
		if (subscription.service() == null) {
			this.all.remove(subscription);
		}
		else {
			this.byService.computeIfPresent(subscription.service(), (service, set) -> {
				set.remove(subscription);
				return set.isEmpty() ? null : set;
			});
		}
	}

	/** Open WebSocket connections, connected or not yet. */
	int openConnections() {
		return this.sessions.size();
	}

}
