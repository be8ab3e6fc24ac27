package io.panopticon.ingest.receiver;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells operators that a receiver could not hand data to Kafka: one WARN line per
 * interval however many requests fail, with how many failed since the last line.
 * Thread-safe.
 */
public final class UnavailableLog {

	private static final Logger log = LoggerFactory.getLogger(UnavailableLog.class);

	private final long intervalNanos;

	private final AtomicLong nextLine = new AtomicLong(Long.MIN_VALUE);

	private final AtomicLong failures = new AtomicLong();

	/**
	 * @param interval the least time between two lines
	 */
	public UnavailableLog(Duration interval) {
		this.intervalNanos = interval.toNanos();
	}

	/**
	 * Records one failed request and logs a line if the last was long enough ago.
	 * @param protocol the receiver
	 * @param failure why Kafka did not take the data
	 */
	public void log(String protocol, PublishFailedException failure) {
		long failed = this.failures.incrementAndGet();
		long now = System.nanoTime();
		long next = this.nextLine.get();
		if ((next == Long.MIN_VALUE || now - next >= 0)
				&& this.nextLine.compareAndSet(next, now + this.intervalNanos)) {
			this.failures.addAndGet(-failed);
			log.warn(
					"Telemetry receivers could not publish to Kafka ({} request(s) answered 503, the last over {}): {}",
					failed, protocol, failure.getMessage());
		}
	}

}
