package io.panopticon.errorstream.stomp;

import io.panopticon.errorstream.log.ErrorLogJson;

/**
 * One SUBSCRIBE of a session: which error logs it wants (one service or all, optionally
 * one environment) and how many per second. Above the rate, events are counted instead of
 * sent, and {@link #flushSummary()} sends the count as one {@code suppressed} message. So
 * during a storm a subscription receives at most the rate plus one summary per summary
 * interval, and a browser is never flooded.
 */
final class Subscription {

	private final ClientSession session;

	private final String id;

	private final String destination;

	private final String service;

	private final String environment;

	private final RateLimiter limiter;

	private final StreamMetrics metrics;

	private long suppressed;

	private long suppressedSinceMicros;

	/**
	 * @param session the session it belongs to
	 * @param id the client's subscription id
	 * @param destination the destination as subscribed
	 * @param service the service it is limited to, or {@code null} for all
	 * @param environment the environment it is limited to, or {@code null} for all
	 * @param ratePerSecond the most error logs it receives per second
	 * @param metrics counts suppressed events
	 * @param nowNanos the current {@link System#nanoTime()}
	 */
	Subscription(ClientSession session, String id, String destination, String service, String environment,
			int ratePerSecond, StreamMetrics metrics, long nowNanos) {
		this.session = session;
		this.id = id;
		this.destination = destination;
		this.service = service;
		this.environment = environment;
		this.limiter = new RateLimiter(ratePerSecond, nowNanos);
		this.metrics = metrics;
	}

	String id() {
		return this.id;
	}

	String destination() {
		return this.destination;
	}

	/** The service it is limited to, or {@code null}. */
	String service() {
		return this.service;
	}

	ClientSession session() {
		return this.session;
	}

	/**
	 * Sends an event if it matches and the rate allows, else counts it for the next
	 * summary. The caller has matched the service already.
	 * @param event the event
	 * @param nowNanos the current {@link System#nanoTime()}
	 */
	synchronized void deliver(EncodedEvent event, long nowNanos) {
		if (this.environment != null && !this.environment.equals(event.log().environment())) {
			return;
		}
		if (this.limiter.tryAcquire(nowNanos)) {
			this.session.sendEvent(this, event);
			return;
		}
		long timestamp = event.log().timestampMicros();
		if (this.suppressed == 0 || timestamp < this.suppressedSinceMicros) {
			this.suppressedSinceMicros = timestamp;
		}
		this.suppressed++;
		this.metrics.suppressed();
	}

	/**
	 * Sends a {@code suppressed} summary of the events counted since the last one, if
	 * any.
	 */
	synchronized void flushSummary() {
		if (this.suppressed > 0) {
			this.session.sendBody(this, ErrorLogJson.suppressed(this.suppressed, this.suppressedSinceMicros));
			this.suppressed = 0;
		}
	}

	/** Events counted for the next summary. */
	synchronized long pendingSuppressed() {
		return this.suppressed;
	}

}
