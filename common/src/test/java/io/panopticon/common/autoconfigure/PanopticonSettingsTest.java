package io.panopticon.common.autoconfigure;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class PanopticonSettingsTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Settings.class);

	@ParameterizedTest
	@ValueSource(strings = { "panopticon.kafka.health-timeout=0s", "panopticon.jwt.clock-skew=-1s",
			"panopticon.topics.spans= ", "panopticon.security.public-paths=login" })
	void aSettingOutOfRangeStopsTheStartUpNamingIt(String setting) {
		String property = setting.substring(0, setting.indexOf('='));
		this.runner.withPropertyValues(setting)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageStartingWith(property + " must"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "panopticon.kafka.health-timeout=1s", "panopticon.jwt.clock-skew=0s",
			"panopticon.security.public-paths=/login, /v3/api-docs/**" })
	void aSettingInRangeIsTaken(String setting) {
		this.runner.withPropertyValues(setting).run((context) -> assertThat(context).hasNotFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ PanopticonKafkaProperties.class, PanopticonJwtProperties.class,
			PanopticonTopicsProperties.class, PanopticonSecurityProperties.class })
	static class Settings {

	}

}
