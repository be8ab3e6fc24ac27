package io.panopticon.ingest;

import io.panopticon.common.autoconfigure.PanopticonKafkaAutoConfiguration;
import io.panopticon.testing.TestServers;
import io.panopticon.testing.ThrowawayKafka;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka health indicator follows a real broker: UP while it runs, DOWN once it is
 * gone.
 */
class KafkaHealthIT {

	@Test
	void reportsDownWhenTheBrokerIsGone() throws Exception {
		ThrowawayKafka broker = TestServers.startThrowawayKafka();
		try {
			new ApplicationContextRunner()
				.withConfiguration(
						AutoConfigurations.of(KafkaAutoConfiguration.class, PanopticonKafkaAutoConfiguration.class))
				.withPropertyValues("spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
						"panopticon.kafka.health-timeout=2s")
				.run((context) -> {
					HealthIndicator kafka = context.getBean("kafkaHealthIndicator", HealthIndicator.class);
					assertThat(kafka.health().getStatus()).isEqualTo(Status.UP);
					assertThat(kafka.health().getDetails()).containsKey("clusterId");
					broker.close();
					assertThat(kafka.health().getStatus()).isEqualTo(Status.DOWN);
				});
		}
		finally {
			broker.close();
		}
	}

}
