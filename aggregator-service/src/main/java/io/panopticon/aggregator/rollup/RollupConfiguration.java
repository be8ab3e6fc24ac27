package io.panopticon.aggregator.rollup;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.panopticon.aggregator.AggregatorProperties;
import io.panopticon.storage.RetentionJob;
import io.panopticon.storage.RollupTemplate;
import io.panopticon.storage.StorageClient;
import io.panopticon.storage.autoconfigure.StorageProperties;
import io.panopticon.storage.autoconfigure.TemplateInstaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;

/**
 * Wires the rollup package: the index template (installed in the background at start-up),
 * the lease, the pass and its schedule, and the retention of every index family, run by
 * the passes under the lease. The one place that wires this package; nothing here
 * connects to Elasticsearch or Redis while the context starts.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class RollupConfiguration {

	private static final Logger log = LoggerFactory.getLogger(RollupConfiguration.class);

	@Bean
	Clock rollupClock() {
		return Clock.systemUTC();
	}

	@Bean
	RollupTemplate rollupTemplate(StorageClient storage, AggregatorProperties properties) {
		return new RollupTemplate(storage, properties.index().replicas(), properties.index().refreshInterval());
	}

	@Bean
	TemplateInstaller rollupTemplateInstaller(RollupTemplate template) {
		return new TemplateInstaller("Rollup index template", template::ensureInstalled, Duration.ofSeconds(1),
				Duration.ofMinutes(1));
	}

	@Bean
	AggregatorMetrics aggregatorMetrics(MeterRegistry registry, Clock clock) {
		return new AggregatorMetrics(registry, clock);
	}

	@Bean
	PassLease rollupLease(AggregatorProperties properties, ObjectProvider<StringRedisTemplate> redis) {
		AggregatorProperties.Lease lease = properties.lease();
		if (!lease.enabled()) {
			log.info("The rollup lease is disabled (panopticon.aggregator.lease.enabled=false): "
					+ "run exactly one aggregator instance");
			return PassLease.NONE;
		}
		return new RedisLease(redis.getObject(), lease.key(), lease.ttl());
	}

	@Bean
	RetentionTurn retentionTurn(StorageClient storage, StorageProperties storageProperties, Clock clock) {
		StorageProperties.Retention retention = storageProperties.retention();
		if (!retention.enabled()) {
			log.info("Retention is disabled (panopticon.storage.retention.enabled=false): indices are never deleted");
			return RetentionTurn.NONE;
		}
		return new RetentionTurn(new RetentionJob(storage, retention.byFamily(), clock), retention.interval(), clock);
	}

	@Bean
	RollupWorker rollupWorker(StorageClient storage, RollupTemplate template, PassLease lease,
			AggregatorMetrics metrics, RetentionTurn retention, AggregatorProperties properties, Clock clock) {
		return new RollupWorker(RollupPass.of(storage, properties, metrics, clock), lease, template, metrics, retention,
				clock);
	}

	// A SchedulingConfigurer rather than @Scheduled, so that the interval and the
	// initial delay come from the typed properties.
	@Bean
	SchedulingConfigurer rollupSchedule(RollupWorker worker, AggregatorProperties properties) {
		return (registrar) -> {
			if (!properties.enabled()) {
				log.info("Rollups are disabled on this instance (ROLLUP_AGGREGATOR_ENABLED=false)");
				return;
			}
			registrar.addFixedDelayTask(new FixedDelayTask(worker, properties.interval(), properties.initialDelay()));
		};
	}

}
