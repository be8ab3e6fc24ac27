package io.panopticon.ingest.dlq;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

	@Bean
	DeadLetterRedrive deadLetterRedrive(ConsumerFactory<byte[], byte[]> consumers,
			KafkaTemplate<byte[], byte[]> kafka) {
		return new DeadLetterRedrive(consumers, kafka);
	}

}
