package io.panopticon.common.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Keeps the open scrape endpoint ({@code /actuator/prometheus}, which Prometheus reads
 * without a token) free of what callers must not learn: see {@link PrivateTagsFilter}.
 */
@AutoConfiguration
@ConditionalOnClass(MeterRegistry.class)
public class PanopticonMetricsAutoConfiguration {

	@Bean
	PrivateTagsFilter privateTagsFilter() {
		return new PrivateTagsFilter();
	}

}
