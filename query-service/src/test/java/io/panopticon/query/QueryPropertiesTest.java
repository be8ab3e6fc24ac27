package io.panopticon.query;

import java.time.Duration;

import io.panopticon.common.autoconfigure.LegacyEnvironmentPostProcessor;
import io.panopticon.query.search.SearchProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class QueryPropertiesTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withInitializer(new ConfigDataApplicationContextInitializer())
		.withInitializer(LegacyEnvironmentPostProcessor::applyTo)
		.withUserConfiguration(Settings.class);

	@Test
	void defaultsAreThoseOfTheDocumentation() {
		this.runner.run((context) -> {
			QueryProperties properties = context.getBean(QueryProperties.class);
			assertThat(properties.rollupThreshold()).isEqualTo(Duration.ofMinutes(15));
			assertThat(properties.cacheTtl()).isEqualTo(Duration.ofSeconds(60));
			assertThat(properties.cachePrefix()).isEqualTo("apm:metrics:");
			assertThat(properties.rollupsEnabled()).isTrue();
			assertThat(properties.maxRange()).isEqualTo(Duration.ofDays(30));
			assertThat(properties.closedAfter()).isEqualTo(Duration.ofSeconds(15).plusMinutes(5));
			assertThat(properties.serviceMapRollupThreshold()).isZero();
		});
	}

	@Test
	void theOriginalVariablesSetTheirProperties() {
		this.runner
			.withSystemProperties("ROLLUP_THRESHOLD_MINUTES=5", "ROLLUP_CACHE_TTL_SECONDS=120",
					"ROLLUP_CACHE_PREFIX=apm:metrics-rollup", "ROLLUP_ENABLED=false", "ROLLUP_MAX_QUERY_BUCKETS=1440",
					"ROLLUP_GRACE_SECONDS=30", "ROLLUP_REROLL_MINUTES=10")
			.run((context) -> {
				QueryProperties properties = context.getBean(QueryProperties.class);
				assertThat(properties.rollupThreshold()).isEqualTo(Duration.ofMinutes(5));
				assertThat(properties.cacheTtl()).isEqualTo(Duration.ofMinutes(2));
				assertThat(properties.cachePrefix()).isEqualTo("apm:metrics-rollup");
				assertThat(properties.rollupsEnabled()).isFalse();
				assertThat(properties.maxRange()).isEqualTo(Duration.ofDays(1));
				assertThat(properties.closedAfter()).isEqualTo(Duration.ofSeconds(30).plusMinutes(10));
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "panopticon.query.rollup-threshold=0m", "panopticon.query.cache-ttl=0s",
			"panopticon.query.max-range=-1d", "panopticon.query.rollup-grace=-1s",
			"panopticon.query.service-map-rollup-threshold=-1m", "panopticon.query.search.max-limit=0" })
	void aZeroOrNegativeSettingStopsTheStartUpNamingIt(String setting) {
		String property = setting.substring(0, setting.indexOf('='));
		this.runner.withPropertyValues(setting)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageStartingWith(property + " must"));
	}

	@Test
	void aCacheTtlOfZeroSecondsFromTheOriginalVariableStopsTheStartUp() {
		this.runner.withSystemProperties("METRICS_CACHE_TTL_SECONDS=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("panopticon.query.cache-ttl must be positive, not PT0S"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ QueryProperties.class, SearchProperties.class })
	static class Settings {

	}

}
