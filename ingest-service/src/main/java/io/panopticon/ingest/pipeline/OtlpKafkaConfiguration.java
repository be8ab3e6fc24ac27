package io.panopticon.ingest.pipeline;

import java.util.List;

import io.panopticon.common.autoconfigure.PanopticonTopicsProperties;
import io.panopticon.common.autoconfigure.SettingChecks;
import io.panopticon.common.telemetry.TimeWindow;
import io.panopticon.ingest.IngestProperties;
import io.panopticon.ingest.OtlpKafkaProperties;
import io.panopticon.ingest.storage.EndpointLimiter;
import io.panopticon.storage.IndexTemplates;
import io.panopticon.storage.autoconfigure.StorageProperties;
import io.panopticon.storage.bulk.BulkIndexer;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Wires the consumers of the kafka exporter's topics, each only when enabled
 * ({@code panopticon.ingest.otlp-kafka.spans.enabled}, {@code .logs.enabled}): without
 * them, nothing subscribes to those topics.
 */
@Configuration(proxyBeanMethods = false)
class OtlpKafkaConfiguration {

	@Bean
	@ConditionalOnBooleanProperty(OtlpKafkaProperties.PREFIX + ".spans.enabled")
	OtlpKafkaListener otlpSpanListener(OtlpKafkaProperties otlp, BulkIndexer indexer, DeadLetters deadLetters,
			IngestMetrics metrics, IndexTemplates templates, EndpointLimiter endpoints, IngestProperties properties,
			PanopticonTopicsProperties topics, StorageProperties storage) {
		checkTopic("spans", otlp.spans().topic(), topics);
		TimeWindow window = new TimeWindow(storage.retention().spans(), properties.maxFutureSkew(),
				properties.maxSpanDuration());
		OtlpSpanIngestor ingestor = new OtlpSpanIngestor(
				PipelineConfiguration.collaborators(indexer, deadLetters, metrics, templates, properties), window,
				endpoints, otlp.spans().encoding());
		return new OtlpKafkaListener("ingest-otlp-spans", otlp.spans().topic(), properties.consumer().concurrency(),
				ingestor);
	}

	@Bean
	@ConditionalOnBooleanProperty(OtlpKafkaProperties.PREFIX + ".logs.enabled")
	OtlpKafkaListener otlpLogListener(OtlpKafkaProperties otlp, BulkIndexer indexer, DeadLetters deadLetters,
			IngestMetrics metrics, IndexTemplates templates, IngestProperties properties,
			KafkaTemplate<byte[], byte[]> kafka, PanopticonTopicsProperties topics, StorageProperties storage) {
		checkTopic("logs", otlp.logs().topic(), topics);
		TimeWindow window = new TimeWindow(storage.retention().logs(), properties.maxFutureSkew());
		OtlpLogIngestor ingestor = new OtlpLogIngestor(
				PipelineConfiguration.collaborators(indexer, deadLetters, metrics, templates, properties), window,
				kafka, topics.logsError(), otlp.logs().encoding());
		return new OtlpKafkaListener("ingest-otlp-logs", otlp.logs().topic(), properties.consumer().concurrency(),
				ingestor);
	}

	/**
	 * An exporter topic is never one of the pipeline's own, which hold the Kafka JSON
	 * format: two listeners of one group would split its partitions between two formats.
	 */
	static void checkTopic(String signal, String topic, PanopticonTopicsProperties topics) {
		SettingChecks.require(!List.of(topics.spans(), topics.logs(), topics.logsError()).contains(topic),
				OtlpKafkaProperties.PREFIX + "." + signal + ".topic must not be one of panopticon.topics.*, not "
						+ topic);
	}

}
