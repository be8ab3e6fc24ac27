package io.panopticon.errorstream;

import java.util.List;

import io.panopticon.common.autoconfigure.LegacyEnvironmentPostProcessor;
import io.panopticon.common.autoconfigure.PanopticonSecurityProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorStreamPropertiesTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withInitializer(new ConfigDataApplicationContextInitializer())
		.withInitializer(LegacyEnvironmentPostProcessor::applyTo)
		.withUserConfiguration(Settings.class);

	@Test
	void defaultsOpenTheWebSocketPathToTheLocalDashboard() {
		this.runner.run((context) -> {
			assertThat(context.getBean(ErrorStreamProperties.class).wsPath()).isEqualTo("/ws/error-logs");
			PanopticonSecurityProperties security = context.getBean(PanopticonSecurityProperties.class);
			assertThat(security.publicPaths()).containsExactly("/ws/error-logs");
			assertThat(security.allowedOrigins()).containsExactly("http://localhost:3000", "http://127.0.0.1:3000");
			assertThat(context.getEnvironment().getProperty("server.port")).isEqualTo("3010");
		});
	}

	@Test
	void theOriginalVariablesSetTheirProperties() {
		this.runner
			.withSystemProperties("ERROR_STREAM_WS_PATH=/ws/errors", "ERROR_STREAM_KAFKA_CLIENT_ID=client",
					"ERROR_STREAM_KAFKA_GROUP_ID=group", "ERROR_STREAM_WS_ORIGINS=https://*.example.com",
					"ERROR_STREAM_PORT=4010")
			.run((context) -> {
				ErrorStreamProperties properties = context.getBean(ErrorStreamProperties.class);
				assertThat(properties.wsPath()).isEqualTo("/ws/errors");
				assertThat(properties.kafkaClientId()).isEqualTo("client");
				assertThat(properties.kafkaGroupId()).isEqualTo("group");
				PanopticonSecurityProperties security = context.getBean(PanopticonSecurityProperties.class);
				assertThat(security.publicPaths()).isEqualTo(List.of("/ws/errors"));
				assertThat(security.allowedOrigins()).containsExactly("https://*.example.com");
				assertThat(context.getEnvironment().getProperty("server.port")).isEqualTo("4010");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "panopticon.error-stream.send-threads=0", "panopticon.error-stream.summary-interval=0s",
			"panopticon.error-stream.subscription-rate-limit=-1" })
	void aZeroOrNegativeSettingStopsTheStartUpNamingIt(String setting) {
		String property = setting.substring(0, setting.indexOf('='));
		this.runner.withPropertyValues(setting)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageStartingWith(property + " must"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ ErrorStreamProperties.class, PanopticonSecurityProperties.class })
	static class Settings {

	}

}
