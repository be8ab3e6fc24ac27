package io.panopticon.ingest.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import io.panopticon.common.autoconfigure.PanopticonTopicsProperties;
import io.panopticon.common.telemetry.TimeWindow;
import io.panopticon.ingest.IngestProperties;
import io.panopticon.ingest.storage.EndpointLimiter;
import io.panopticon.storage.IndexTemplates;
import io.panopticon.storage.StorageClient;
import io.panopticon.storage.autoconfigure.StorageProperties;
import io.panopticon.storage.bulk.BulkIndexer;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** Wires the Kafka → Elasticsearch pipeline. */
@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

	@Bean
	IngestMetrics ingestMetrics(MeterRegistry registry) {
		return new IngestMetrics(registry);
	}

	@Bean
	BulkIndexer bulkIndexer(StorageClient client, IngestProperties properties, IngestMetrics metrics) {
		IngestProperties.Bulk bulk = properties.bulk();
		return new BulkIndexer(
				client, new BulkIndexer.Settings(bulk.batchSize(), bulk.batchBytes().toBytes(),
						bulk.maxParallelFlushes(), bulk.maxAttempts(), bulk.retryBackoff(), bulk.maxRetryBackoff()),
				metrics);
	}

	@Bean
	DeadLetters deadLetters(KafkaTemplate<byte[], byte[]> kafka) {
		return new DeadLetters(kafka);
	}

	@Bean
	SpanIngestor spanIngestor(BulkIndexer indexer, DeadLetters deadLetters, IngestMetrics metrics,
			IndexTemplates templates, EndpointLimiter endpoints, IngestProperties properties,
			StorageProperties storage) {
		TimeWindow window = new TimeWindow(storage.retention().spans(), properties.maxFutureSkew(),
				properties.maxSpanDuration());
		return new SpanIngestor(collaborators(indexer, deadLetters, metrics, templates, properties), window, endpoints);
	}

	@Bean
	LogIngestor logIngestor(BulkIndexer indexer, DeadLetters deadLetters, IngestMetrics metrics,
			IndexTemplates templates, IngestProperties properties, KafkaTemplate<byte[], byte[]> kafka,
			PanopticonTopicsProperties topics, StorageProperties storage) {
		TimeWindow window = new TimeWindow(storage.retention().logs(), properties.maxFutureSkew());
		return new LogIngestor(collaborators(indexer, deadLetters, metrics, templates, properties), window, kafka,
				topics.logsError());
	}

	@Bean
	IngestListeners ingestListeners(SpanIngestor spans, LogIngestor logs, PanopticonTopicsProperties topics,
			IngestProperties properties) {
		return new IngestListeners(spans, logs, topics, properties.consumer().concurrency());
	}

	/**
	 * A batch that fails (Elasticsearch or Kafka unavailable) is retried whole, with the
	 * consumer paused in between so it keeps its partitions, and never given up: giving
	 * up would lose data. Re-created documents answer 409 and count as already indexed.
	 * The pauses are {@code panopticon.ingest.consumer.retry-backoff}, doubling up to
	 * {@code max-retry-backoff}.
	 */
	@Bean
	DefaultErrorHandler ingestErrorHandler(IngestProperties properties) {
		ExponentialBackOff backOff = new ExponentialBackOff(properties.consumer().retryBackoff().toMillis(), 2.0);
		backOff.setMaxInterval(properties.consumer().maxRetryBackoff().toMillis());
		return new DefaultErrorHandler(backOff);
	}

	/**
	 * The broker gathers up to {@code fetchMinBytes} before answering a fetch and waits
	 * at most the bulk flush interval: that is where batches fill by time
	 * ({@code BULK_FLUSH_INTERVAL_MS}); a poll's records are written as soon as it
	 * returns.
	 */
	@Bean
	DefaultKafkaConsumerFactoryCustomizer ingestConsumerSettings(IngestProperties properties) {
		Duration flush = properties.bulk().flushInterval();
		return (factory) -> factory
			.updateConfigs(Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) flush.toMillis(),
					ConsumerConfig.FETCH_MIN_BYTES_CONFIG, (int) properties.consumer().fetchMinBytes().toBytes(),
					ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.consumer().maxPollRecords()));
	}

	static BatchIngestor.Collaborators collaborators(BulkIndexer indexer, DeadLetters deadLetters,
			IngestMetrics metrics, IndexTemplates templates, IngestProperties properties) {
		ThroughputLog throughput = new ThroughputLog(properties.throughput(), System::nanoTime);
		return new BatchIngestor.Collaborators(indexer, deadLetters, metrics, throughput, templates::ensureInstalled,
				properties.maxRecordSize().toBytes(), Clock.systemUTC());
	}

}
