package io.panopticon.alert.alerting;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluationPropertiesTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Settings.class);

	@Test
	void defaultsAreFifteenSecondsAndFourHours() {
		this.runner.run((context) -> {
			EvaluationProperties properties = context.getBean(EvaluationProperties.class);
			assertThat(properties.interval()).isEqualTo(Duration.ofSeconds(15));
			assertThat(properties.repeatInterval()).isEqualTo(Duration.ofHours(4));
			assertThat(properties.enabled()).isTrue();
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "panopticon.alert.evaluation.interval=0s", "panopticon.alert.evaluation.interval=500ms",
			"panopticon.alert.evaluation.repeat-interval=-1h", "panopticon.alert.evaluation.batch-size=0" })
	void aWrongSettingStopsTheStartUpNamingIt(String setting) {
		String property = setting.substring(0, setting.indexOf('='));
		this.runner.withPropertyValues(setting)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageStartingWith(property + " must"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(EvaluationProperties.class)
	static class Settings {

	}

}
