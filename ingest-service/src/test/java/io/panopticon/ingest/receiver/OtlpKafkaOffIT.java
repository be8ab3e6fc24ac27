package io.panopticon.ingest.receiver;

import java.util.List;
import java.util.Objects;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.panopticon.ingest.OtlpKafkaProperties;
import io.panopticon.ingest.pipeline.OtlpKafkaListener;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code panopticon.ingest.otlp-kafka.*.enabled}, as in this default context,
 * ingest-service reads only its own topics: nothing subscribes to the kafka exporter's.
 */
class OtlpKafkaOffIT extends ReceiverServers {

	@Autowired
	ApplicationContext context;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Autowired
	OtlpKafkaProperties otlpKafka;

	@Test
	void nothingSubscribesToTheExportersTopicsUnlessEnabled() {
		assertThat(this.otlpKafka.spans().enabled()).isFalse();
		assertThat(this.otlpKafka.logs().enabled()).isFalse();
		assertThat(this.context.getBeansOfType(OtlpKafkaListener.class)).isEmpty();
		List<MessageListenerContainer> containers = List.copyOf(this.listeners.getListenerContainers());
		assertThat(containers).flatExtracting((container) -> List.of(container.getContainerProperties().getTopics()))
			.containsExactlyInAnyOrder(SPANS, LOGS);
		assertThat(containers)
			.flatExtracting((container) -> Objects
				.requireNonNullElse(container.getAssignedPartitions(), List.<TopicPartition>of())
				.stream()
				.map(TopicPartition::topic)
				.toList())
			.isSubsetOf(SPANS, LOGS);
	}

}
