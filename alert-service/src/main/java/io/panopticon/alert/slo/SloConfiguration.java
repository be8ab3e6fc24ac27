package io.panopticon.alert.slo;

import java.time.Clock;

import io.panopticon.alert.alerting.AlertLifecycle;
import io.panopticon.alert.alerting.AlertStore;
import io.panopticon.alert.alerting.EvaluationProperties;
import io.panopticon.storage.StorageClient;
import io.panopticon.storage.sli.SliReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The SLO reader and the evaluation schedule. */
@Configuration(proxyBeanMethods = false)
class SloConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SloConfiguration.class);

	@Bean
	SliReader sliReader(StorageClient storage) {
		return new SliReader(storage);
	}

	@Bean
	SloEvaluator sloEvaluator(SloStore store, SloFigures figures, AlertLifecycle lifecycle, AlertStore alerts,
			PlatformTransactionManager transactions, EvaluationProperties properties, Clock clock) {
		return new SloEvaluator(store, figures, lifecycle, alerts, new TransactionTemplate(transactions), properties,
				clock);
	}

	// A SchedulingConfigurer rather than @Scheduled, so that the interval comes from the
	// typed properties.
	@Bean
	SchedulingConfigurer sloEvaluationSchedule(SloEvaluator evaluator, EvaluationProperties properties) {
		return (registrar) -> {
			if (!properties.enabled()) {
				log.info("SLO evaluation is disabled on this instance");
				return;
			}
			registrar.addFixedDelayTask(new FixedDelayTask(evaluator, properties.interval(), properties.interval()));
		};
	}

}
