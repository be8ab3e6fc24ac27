package io.panopticon.ingest.pipeline;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.panopticon.ingest.IngestProperties;

import static org.assertj.core.api.Assertions.assertThat;

class ThroughputLogTest {

	private final AtomicLong nanos = new AtomicLong();

	@Test
	void logsAfterEnoughItemsAndTimeWithAnEta() {
		ThroughputLog log = new ThroughputLog(new IngestProperties.Throughput(1000, Duration.ofSeconds(10), 10_000),
				this.nanos::get);
		this.nanos.set(Duration.ofSeconds(5).toNanos());
		assertThat(log.add("spans", 2000)).as("too early").isNull();
		this.nanos.set(Duration.ofSeconds(10).toNanos());
		assertThat(log.add("spans", 0)).isEqualTo(
				"throughput: 2000 items in total, 200/s recently, 200/s overall (last: spans), ETA to 10000: 40s");
		this.nanos.set(Duration.ofSeconds(20).toNanos());
		assertThat(log.add("logs", 500)).as("too few items").isNull();
		this.nanos.set(Duration.ofSeconds(50).toNanos());
		assertThat(log.add("logs", 7500)).endsWith("target 10000 reached");
	}

	@Test
	void isOffWithoutABatchSize() {
		ThroughputLog log = new ThroughputLog(new IngestProperties.Throughput(0, Duration.ZERO, 0), this.nanos::get);
		this.nanos.set(Duration.ofMinutes(1).toNanos());
		assertThat(log.add("spans", 1_000_000)).isNull();
	}

}
