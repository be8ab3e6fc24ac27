package io.panopticon.common.autoconfigure;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class LegacyEnvironmentPostProcessorTest {

	@Test
	void originalVariableWinsOverFilesButNotOverExplicitSpringVariable() {
		StandardEnvironment environment = environment(
				Map.of("KAFKA_BROKERS", "legacy:9092", "ELASTICSEARCH_NODE", "http://legacy:9200",
						"SPRING_ELASTICSEARCH_URIS", "http://explicit:9200"),
				Map.of("spring.kafka.bootstrap-servers", "file:9092"));
		new LegacyEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.kafka.bootstrap-servers")).isEqualTo("legacy:9092");
		assertThat(environment.getProperty("spring.elasticsearch.uris")).isEqualTo("http://explicit:9200");
	}

	@Test
	void sharedDefaultsRankBelowServiceFiles() {
		StandardEnvironment environment = environment(Map.of(), Map.of("spring.data.redis.port", "6380"));
		new LegacyEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.data.redis.port")).isEqualTo("6380");
		assertThat(environment.getProperty("spring.data.redis.host")).isEqualTo("127.0.0.1");
		assertThat(environment.getProperty("management.endpoint.health.show-components")).isEqualTo("always");
	}

	private static StandardEnvironment environment(Map<String, Object> variables, Map<String, Object> file) {
		StandardEnvironment environment = new StandardEnvironment();
		var sources = environment.getPropertySources();
		sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new HashMap<>(variables)));
		sources.addLast(new MapPropertySource("application.yml", new HashMap<>(file)));
		return environment;
	}

}
