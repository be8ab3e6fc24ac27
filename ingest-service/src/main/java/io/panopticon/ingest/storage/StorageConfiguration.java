package io.panopticon.ingest.storage;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import io.micrometer.core.instrument.MeterRegistry;
import io.panopticon.common.storage.IndexFamily;
import io.panopticon.common.storage.TemplateInstaller;
import io.panopticon.ingest.IngestProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;

/**
 * Wires the storage package: index templates (installed in the background at start-up),
 * the endpoint limiter, and the scheduled retention job. The one place that wires this
 * package; nothing here connects to Elasticsearch while the context starts.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(IngestProperties.class)
public class StorageConfiguration {

	private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

	@Bean
	IndexTemplates indexTemplates(Rest5Client client, IngestProperties properties) {
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
		return new EndpointLimiter(properties.maxEndpointsPerService(), registry);
	}

	@Bean
	RetentionJob retentionJob(Rest5Client client, IngestProperties properties) {
		IngestProperties.Retention retention = properties.retention();
		return new RetentionJob(client,
				Map.of(IndexFamily.TRACES, retention.spans(), IndexFamily.LOGS, retention.logs(),
						IndexFamily.METRICS_1M, retention.metrics1m(), IndexFamily.METRICS_1H, retention.metrics1h()),
				Clock.systemUTC());
	}

	// A SchedulingConfigurer rather than @Scheduled, so that the interval and
	// the initial delay come from the typed properties.
	@Bean
	SchedulingConfigurer retentionSchedule(RetentionJob job, IngestProperties properties) {
		IngestProperties.Retention retention = properties.retention();
		return (registrar) -> {
			if (!retention.enabled()) {
				log.info("Retention is disabled on this instance (panopticon.ingest.retention.enabled=false)");
				return;
			}
			registrar.addFixedDelayTask(new FixedDelayTask(job, retention.interval(), retention.initialDelay()));
		};
	}

}
