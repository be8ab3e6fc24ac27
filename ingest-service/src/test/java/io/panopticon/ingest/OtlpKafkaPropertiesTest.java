package io.panopticon.ingest;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.panopticon.ingest.OtlpKafkaProperties.Encoding;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class OtlpKafkaPropertiesTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Settings.class);

	@Test
	void offByDefaultOnTheExportersDefaultTopicsAndEncoding() {
		this.runner.run((context) -> {
			OtlpKafkaProperties properties = context.getBean(OtlpKafkaProperties.class);
			assertThat(properties.spans())
				.isEqualTo(new OtlpKafkaProperties.Topic(false, "otlp_spans", Encoding.OTLP_PROTO));
			assertThat(properties.logs())
				.isEqualTo(new OtlpKafkaProperties.Topic(false, "otlp_logs", Encoding.OTLP_PROTO));
		});
	}

	@Test
	void takesTheExportersSpellingOfTheEncodingFromTheEnvironment() {
		Map<String, Object> environment = Map.of("PANOPTICON_INGEST_OTLPKAFKA_LOGS_ENABLED", "true",
				"PANOPTICON_INGEST_OTLPKAFKA_LOGS_ENCODING", "otlp_json", "PANOPTICON_INGEST_OTLPKAFKA_LOGS_TOPIC",
				"collector.logs");
		this.runner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								environment)))
			.run((context) -> assertThat(context.getBean(OtlpKafkaProperties.class).logs())
				.isEqualTo(new OtlpKafkaProperties.Topic(true, "collector.logs", Encoding.OTLP_JSON)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "panopticon.ingest.otlp-kafka.spans.topic= ",
			"panopticon.ingest.otlp-kafka.logs.topic=otlp_logs.dlq" })
	void aWrongTopicStopsTheStartUpNamingIt(String setting) {
		String property = setting.substring(0, setting.indexOf('='));
		this.runner.withPropertyValues(setting)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageStartingWith(property + " must"));
	}

	@Test
	void bothSignalsOnOneTopicStopTheStartUp() {
		this.runner.withPropertyValues("panopticon.ingest.otlp-kafka.spans.enabled=true",
				"panopticon.ingest.otlp-kafka.logs.enabled=true", "panopticon.ingest.otlp-kafka.logs.topic=otlp_spans")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage(
						"panopticon.ingest.otlp-kafka.spans.topic and .logs.topic must differ, not both otlp_spans"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(OtlpKafkaProperties.class)
	static class Settings {

	}

}
