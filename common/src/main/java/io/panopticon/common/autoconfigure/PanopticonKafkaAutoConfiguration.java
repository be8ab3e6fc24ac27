package io.panopticon.common.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/** A Kafka health indicator for every service that talks to Kafka. */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass({ KafkaAdmin.class, HealthIndicator.class })
@EnableConfigurationProperties(PanopticonKafkaProperties.class)
public class PanopticonKafkaAutoConfiguration {

	@Bean
	@ConditionalOnBean(KafkaAdmin.class)
	@ConditionalOnMissingBean(name = "kafkaHealthIndicator")
	KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin, PanopticonKafkaProperties properties) {
		return new KafkaHealthIndicator(admin.getConfigurationProperties(), properties.healthTimeout());
	}

}
