package io.panopticon.ingest.storage;

import java.net.URI;
import java.time.Duration;

import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.panopticon.storage.autoconfigure.TemplateInstaller;
import io.panopticon.ingest.IngestProperties;
import io.panopticon.storage.IndexTemplates;
import io.panopticon.storage.StorageClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storage wiring, without servers: properties bind with their defaults and overrides,
 * and beans are created without I/O.
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
			assertThat(properties.maxEndpointsPerService()).isEqualTo(1000);
			assertThat(properties.maxServices()).isEqualTo(1000);
			assertThat(context).hasSingleBean(IndexTemplates.class)
				.hasSingleBean(EndpointLimiter.class)
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
					"panopticon.ingest.max-endpoints-per-service=5")
			.run((context) -> {
				IngestProperties properties = context.getBean(IngestProperties.class);
				assertThat(properties.maxEndpointsPerService()).isEqualTo(5);
				String traces = context.getBean(IndexTemplates.class).templates().get(0).body();
				assertThat(traces).contains("\"number_of_replicas\":1", "\"refresh_interval\":\"1s\"");
			});
	}

	@Test
	void aCapBelowOneFailsStartUp() {
		this.runner.withPropertyValues("panopticon.ingest.max-endpoints-per-service=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("max-endpoints-per-service must be at least 1"));
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
		StorageClient storageClient(Rest5Client client) {
			return new StorageClient(client);
		}

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
