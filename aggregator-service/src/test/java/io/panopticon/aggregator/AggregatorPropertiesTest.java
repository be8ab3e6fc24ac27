package io.panopticon.aggregator;

import java.time.Duration;

import io.panopticon.common.autoconfigure.LegacyEnvironmentPostProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class AggregatorPropertiesTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withInitializer(new ConfigDataApplicationContextInitializer())
		.withInitializer(LegacyEnvironmentPostProcessor::applyTo)
		.withUserConfiguration(Settings.class);

	@Test
	void defaultsAreThoseOfTheDocumentation() {
		this.runner.run((context) -> {
			AggregatorProperties properties = context.getBean(AggregatorProperties.class);
			assertThat(properties.enabled()).isTrue();
			assertThat(properties.bucket()).isEqualTo(Duration.ofMinutes(1));
			assertThat(properties.grace()).isEqualTo(Duration.ofSeconds(15));
			assertThat(properties.rerollWindow()).isEqualTo(Duration.ofMinutes(5));
			assertThat(properties.catchUpHorizon()).isEqualTo(Duration.ofHours(24));
			assertThat(properties.interval()).isEqualTo(Duration.ofSeconds(15));
			assertThat(properties.edgeSlack()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.lease().enabled()).isTrue();
			assertThat(properties.lease().key()).isEqualTo("panopticon:aggregator:lease");
		});
	}

	@Test
	void theOriginalStyleVariablesSetTheirProperties() {
		this.runner
			.withSystemProperties("ROLLUP_AGGREGATOR_ENABLED=false", "ROLLUP_GRACE_SECONDS=30",
					"ROLLUP_REROLL_MINUTES=10", "ROLLUP_CATCHUP_HOURS=168", "ROLLUP_INTERVAL_SECONDS=5")
			.run((context) -> {
				AggregatorProperties properties = context.getBean(AggregatorProperties.class);
				assertThat(properties.enabled()).isFalse();
				assertThat(properties.grace()).isEqualTo(Duration.ofSeconds(30));
				assertThat(properties.rerollWindow()).isEqualTo(Duration.ofMinutes(10));
				assertThat(properties.catchUpHorizon()).isEqualTo(Duration.ofDays(7));
				assertThat(properties.interval()).isEqualTo(Duration.ofSeconds(5));
			});
	}

	@Test
	void aBucketOtherThanOneMinuteStopsTheStartUpNamingTheSetting() {
		this.runner.withSystemProperties("ROLLUP_BUCKET_MINUTES=5")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("ROLLUP_BUCKET_MINUTES"));
	}

	@Test
	void anEdgeSlackThatIsNoDivisorOfAMinuteOrExceedsTheGraceIsRefused() {
		this.runner.withPropertyValues("panopticon.aggregator.edge-slack=7s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("edge-slack"));
		this.runner.withPropertyValues("panopticon.aggregator.edge-slack=20s")
			.run((context) -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("grace"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(AggregatorProperties.class)
	static class Settings {

	}

}
