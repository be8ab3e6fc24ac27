package io.panopticon.ingest.pipeline;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.panopticon.ingest.IngestProperties;

/**
 * Logs the consumer's throughput now and then, as the original stream processor did: a
 * line after every {@code batchSize} more items ({@code STREAM_THROUGHPUT_BATCH_SIZE}),
 * at most one per {@code minInterval} ({@code STREAM_THROUGHPUT_MIN_INTERVAL_MS}), with
 * an ETA when a {@code targetCount} ({@code STREAM_THROUGHPUT_TARGET_COUNT}) is set. Off
 * when batchSize ≤ 0.
 */
class ThroughputLog {

	private static final Logger log = LoggerFactory.getLogger(ThroughputLog.class);

	private final IngestProperties.Throughput settings;

	private final LongSupplier nanoTime;

	private final AtomicLong total = new AtomicLong();

	private final long startedAt;

	private long lastCount;

	private long lastAt;

	ThroughputLog(IngestProperties.Throughput settings, LongSupplier nanoTime) {
		this.settings = settings;
		this.nanoTime = nanoTime;
		this.startedAt = nanoTime.getAsLong();
		this.lastAt = this.startedAt;
	}

	/**
	 * Counts processed items and logs when a line is due.
	 * @param count items just processed
	 * @return the line logged, or null
	 */
	String add(String signal, int count) {
		long now = this.nanoTime.getAsLong();
		long sum = this.total.addAndGet(count);
		if (this.settings.batchSize() <= 0) {
			return null;
		}
		synchronized (this) {
			if (sum - this.lastCount < this.settings.batchSize()
					|| now - this.lastAt < this.settings.minInterval().toNanos()) {
				return null;
			}
			double seconds = (now - this.lastAt) / 1e9;
			double rate = (sum - this.lastCount) / Math.max(seconds, 1e-9);
			double overall = sum / Math.max((now - this.startedAt) / 1e9, 1e-9);
			this.lastCount = sum;
			this.lastAt = now;
			String line = String.format("throughput: %d items in total, %.0f/s recently, %.0f/s overall (last: %s)",
					sum, rate, overall, signal);
			long target = this.settings.targetCount();
			if (target > 0) {
				line += (sum >= target) ? String.format(", target %d reached", target)
						: String.format(", ETA to %d: %s", target,
								Duration.ofSeconds(Math.round((target - sum) / Math.max(overall, 1e-9)))
									.toString()
									.substring(2)
									.toLowerCase());
			}
			log.info(line);
			return line;
		}
	}

}
