package io.panopticon.ingest.storage;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.panopticon.storage.autoconfigure.TemplateInstaller;
import io.panopticon.ingest.IngestProperties;
import io.panopticon.storage.IndexTemplates;
import io.panopticon.storage.StorageClient;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the storage package: index templates (installed in the background at start-up)
 * and the endpoint limiter. Retention is aggregator-service's. The one place that wires
 * this package; nothing here connects to Elasticsearch while the context starts.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestProperties.class)
public class StorageConfiguration {

	@Bean
	IndexTemplates indexTemplates(StorageClient client, IngestProperties properties) {
		IngestProperties.Index index = properties.index();
		return new IndexTemplates(client, new IndexTemplates.Settings(index.replicas(), index.refreshInterval()));
	}

	@Bean
	TemplateInstaller indexTemplateInstaller(IndexTemplates templates) {
		return new TemplateInstaller("Index templates", templates::ensureInstalled, Duration.ofSeconds(1),
				Duration.ofMinutes(1));
	}

	@Bean
	EndpointLimiter endpointLimiter(IngestProperties properties, MeterRegistry registry) {
		return new EndpointLimiter(properties.maxServices(), properties.maxEndpointsPerService(), registry);
	}

}
