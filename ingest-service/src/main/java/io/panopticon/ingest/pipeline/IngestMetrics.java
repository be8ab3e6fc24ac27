package io.panopticon.ingest.pipeline;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.panopticon.storage.bulk.BulkIndexer;

/**
 * The ingest pipeline's meters, tagged by signal ({@code spans} or {@code logs}):
 * {@code panopticon.ingest.consumed} (items read from Kafka), {@code .indexed} (created),
 * {@code .already.indexed} (409 on replay), {@code .dead.lettered} (also by reason),
 * {@code .retried} (bulk items sent again) and {@code .bulk.latency}. Consumer lag comes
 * from the Kafka client metrics ({@code kafka.consumer.fetch.manager.records.lag.max}).
 */
class IngestMetrics implements BulkIndexer.Metrics {

	private final MeterRegistry registry;

	private final Timer bulkLatency;

	private final Counter retried;

	IngestMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.bulkLatency = Timer.builder("panopticon.ingest.bulk.latency")
			.description("Time of one _bulk request")
			.publishPercentileHistogram()
			.register(registry);
		this.retried = Counter.builder("panopticon.ingest.retried")
			.description("Bulk items sent again after a transient failure")
			.register(registry);
	}

	void consumed(String signal, int count) {
		counter("panopticon.ingest.consumed", signal).increment(count);
	}

	void indexed(String signal, int count) {
		counter("panopticon.ingest.indexed", signal).increment(count);
	}

	void alreadyIndexed(String signal, int count) {
		counter("panopticon.ingest.already.indexed", signal).increment(count);
	}

	void deadLettered(String signal, String reason) {
		Counter.builder("panopticon.ingest.dead.lettered")
			.tag("signal", signal)
			.tag("reason", reason)
			.register(this.registry)
			.increment();
	}

	@Override
	public void retried(int count) {
		this.retried.increment(count);
	}

	@Override
	public void bulkLatency(long nanos) {
		this.bulkLatency.record(nanos, TimeUnit.NANOSECONDS);
	}

	private Counter counter(String name, String signal) {
		return Counter.builder(name).tag("signal", signal).register(this.registry);
	}

}
