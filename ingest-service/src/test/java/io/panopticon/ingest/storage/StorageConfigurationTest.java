package io.panopticon.ingest.storage;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.panopticon.common.storage.TemplateInstaller;
import io.panopticon.ingest.IngestProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storage wiring, without servers: properties bind with their defaults and overrides,
 * beans are created without I/O, and retention is scheduled as configured.
 */
class StorageConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Infrastructure.class, StorageConfiguration.class);

	@Test
	void defaultsMatchTheDocumentedOnes() {
		this.runner.run((context) -> {
			IngestProperties properties = context.getBean(IngestProperties.class);
			assertThat(properties.index().replicas()).isZero();
			assertThat(properties.index().refreshInterval()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.retention().enabled()).isTrue();
			assertThat(properties.retention().spans()).isEqualTo(Duration.ofDays(7));
			assertThat(properties.retention().logs()).isEqualTo(Duration.ofDays(7));
			assertThat(properties.retention().metrics1m()).isEqualTo(Duration.ofDays(30));
			assertThat(properties.retention().metrics1h()).isEqualTo(Duration.ofDays(395));
			assertThat(properties.maxEndpointsPerService()).isEqualTo(1000);
			assertThat(context).hasSingleBean(IndexTemplates.class)
				.hasSingleBean(EndpointLimiter.class)
				.hasSingleBean(RetentionJob.class)
				.hasSingleBean(TemplateInstaller.class);
		});
	}

	@Test
	void startsWithoutElasticsearch() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(IndexTemplates.class).isInstalled()).isFalse();
		});
	}

	@Test
	void propertiesOverrideTheDefaults() {
		this.runner
			.withPropertyValues("panopticon.ingest.index.replicas=1", "panopticon.ingest.index.refresh-interval=1s",
					"panopticon.ingest.retention.metrics-1m=10d", "panopticon.ingest.retention.metrics-1h=400d",
					"panopticon.ingest.max-endpoints-per-service=5")
			.run((context) -> {
				IngestProperties properties = context.getBean(IngestProperties.class);
				assertThat(properties.retention().metrics1m()).isEqualTo(Duration.ofDays(10));
				assertThat(properties.retention().metrics1h()).isEqualTo(Duration.ofDays(400));
				assertThat(properties.maxEndpointsPerService()).isEqualTo(5);
				String traces = context.getBean(IndexTemplates.class).templates().get(0).body();
				assertThat(traces).contains("\"number_of_replicas\":1", "\"refresh_interval\":\"1s\"");
			});
	}

	@Test
	void schedulesRetentionWithTheConfiguredDelays() {
		this.runner
			.withPropertyValues("panopticon.ingest.retention.interval=30m",
					"panopticon.ingest.retention.initial-delay=2m")
			.run((context) -> {
				List<FixedDelayTask> tasks = fixedDelayTasks(context.getBean(ScheduledTaskHolder.class));
				assertThat(tasks).singleElement().satisfies((task) -> {
					assertThat(task.getIntervalDuration()).isEqualTo(Duration.ofMinutes(30));
					assertThat(task.getInitialDelayDuration()).isEqualTo(Duration.ofMinutes(2));
				});
			});
	}

	@Test
	void retentionCanBeTurnedOff() {
		this.runner.withPropertyValues("panopticon.ingest.retention.enabled=false")
			.run((context) -> assertThat(fixedDelayTasks(context.getBean(ScheduledTaskHolder.class))).isEmpty());
	}

	@Test
	void aCapBelowOneFailsStartUp() {
		this.runner.withPropertyValues("panopticon.ingest.max-endpoints-per-service=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("max-endpoints-per-service must be at least 1"));
	}

	private static List<FixedDelayTask> fixedDelayTasks(ScheduledTaskHolder holder) {
		return holder.getScheduledTasks()
			.stream()
			.map(ScheduledTask::getTask)
			.filter(FixedDelayTask.class::isInstance)
			.map(FixedDelayTask.class::cast)
			.toList();
	}

	@Configuration(proxyBeanMethods = false)
	static class Infrastructure {

		// Nothing listens on port 9 of the loopback: any I/O at start-up fails in the
		// background installer, never in the context.
		@Bean(destroyMethod = "close")
		Rest5Client rest5Client() {
			return Rest5Client.builder(URI.create("http://127.0.0.1:9")).build();
		}

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
