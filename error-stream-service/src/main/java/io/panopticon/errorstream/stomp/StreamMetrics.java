package io.panopticon.errorstream.stomp;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The error stream's meters: {@code panopticon.error-stream.sessions} (connected STOMP
 * sessions), {@code .delivered} (error-log messages written to clients),
 * {@code .suppressed} (error logs a subscription got only as part of a {@code suppressed}
 * summary), {@code .slow.clients.disconnected}, {@code .connections.refused} (by
 * {@code reason}), {@code .consumed} and {@code .skipped} (records of
 * {@code apm.logs.error} read, and those that were not error logs), and {@code .delay}, a
 * histogram of the time from an error log's timestamp to its message being written to a
 * client.
 */
public class StreamMetrics {

	private final MeterRegistry registry;

	private final Counter delivered;

	private final Counter suppressed;

	private final Counter slowClients;

	private final Counter consumed;

	private final Counter skipped;

	private final Timer delay;

	private final AtomicInteger sessions = new AtomicInteger();

	/**
	 * @param registry where the meters go
	 */
	public StreamMetrics(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder("panopticon.error-stream.sessions", this.sessions, AtomicInteger::get)
			.description("Connected STOMP sessions")
			.register(registry);
		this.delivered = Counter.builder("panopticon.error-stream.delivered")
			.description("Error-log messages written to clients")
			.register(registry);
		this.suppressed = Counter.builder("panopticon.error-stream.suppressed")
			.description("Error logs a subscription received only as a count in a suppressed summary")
			.register(registry);
		this.slowClients = Counter.builder("panopticon.error-stream.slow.clients.disconnected")
			.description("Sessions closed because the client could not keep up")
			.register(registry);
		this.consumed = Counter.builder("panopticon.error-stream.consumed")
			.description("Records read from the error topic")
			.register(registry);
		this.skipped = Counter.builder("panopticon.error-stream.skipped")
			.description("Records of the error topic that were not error logs")
			.register(registry);
		this.delay = Timer.builder("panopticon.error-stream.delay")
			.description("From an error log's timestamp to its message being written to a client")
			.publishPercentileHistogram()
			.register(registry);
	}

	void sessionConnected() {
		this.sessions.incrementAndGet();
	}

	void sessionClosed() {
		this.sessions.decrementAndGet();
	}

	/** Connected STOMP sessions. */
	public int sessions() {
		return this.sessions.get();
	}

	void delivered(long eventMicros, long nowMicros) {
		this.delivered.increment();
		this.delay.record(Math.max(0, nowMicros - eventMicros), TimeUnit.MICROSECONDS);
	}

	void suppressed() {
		this.suppressed.increment();
	}

	void slowClientDisconnected() {
		this.slowClients.increment();
	}

	void refused(String reason) {
		Counter.builder("panopticon.error-stream.connections.refused")
			.description("STOMP connections refused at CONNECT")
			.tag("reason", reason)
			.register(this.registry)
			.increment();
	}

	/**
	 * Counts records read from the error topic.
	 * @param count how many
	 */
	public void consumed(int count) {
		this.consumed.increment(count);
	}

	/** Counts a record of the error topic that was not an error log. */
	public void skipped() {
		this.skipped.increment();
	}

}
