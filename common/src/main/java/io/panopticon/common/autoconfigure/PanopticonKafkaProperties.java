package io.panopticon.common.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Kafka settings of Panopticon's own ({@code panopticon.kafka.*}); connection settings
 * are Spring Boot's {@code spring.kafka.*}, which the original variables
 * ({@code KAFKA_BROKERS}, {@code KAFKA_SSL}, {@code KAFKA_SASL_*}) also set.
 *
 * @param healthTimeout how long the health check waits for the cluster to describe itself
 * before reporting DOWN
 */
@ConfigurationProperties("panopticon.kafka")
public record PanopticonKafkaProperties(@DefaultValue("3s") Duration healthTimeout) {

	/**
	 * Checks the settings.
	 * @throws IllegalArgumentException if the health timeout is not positive
	 */
	public PanopticonKafkaProperties {
		SettingChecks.positive(healthTimeout, "panopticon.kafka.health-timeout");
	}

}
