package io.panopticon.alert;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class AlertPropertiesTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Settings.class);

	@ParameterizedTest
	@ValueSource(strings = { "panopticon.alert.access-token-ttl=0s", "panopticon.alert.refresh-token-ttl=-1d" })
	void aZeroOrNegativeLifetimeStopsTheStartUpNamingIt(String setting) {
		String property = setting.substring(0, setting.indexOf('='));
		this.runner.withPropertyValues(setting)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageStartingWith(property + " must"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(AlertProperties.class)
	static class Settings {

	}

}
