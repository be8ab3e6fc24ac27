package io.panopticon.aggregator.rollup;

import java.time.Clock;
import java.time.Duration;

import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import io.micrometer.core.instrument.MeterRegistry;
import io.panopticon.aggregator.AggregatorProperties;
import io.panopticon.common.storage.TemplateInstaller;
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
 * the lease, the pass and its schedule. The one place that wires this package; nothing
 * here connects to Elasticsearch or Redis while the context starts.
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
	Elasticsearch rollupElasticsearch(Rest5Client client) {
		return new Elasticsearch(client);
	}

	@Bean
	RollupTemplate rollupTemplate(Elasticsearch elasticsearch, AggregatorProperties properties) {
		return new RollupTemplate(elasticsearch, properties.index().replicas(), properties.index().refreshInterval());
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
	RollupWorker rollupWorker(Elasticsearch elasticsearch, RollupTemplate template, PassLease lease,
			AggregatorMetrics metrics, AggregatorProperties properties, Clock clock) {
		return new RollupWorker(RollupPass.of(elasticsearch, properties, metrics, clock), lease, template, metrics,
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
