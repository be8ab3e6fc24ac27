package io.panopticon.storage.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class StorageEnvironmentPostProcessorTest {

	@Test
	void turnsSpringBootsElasticsearchHealthOffByDefault() {
		StandardEnvironment environment = new StandardEnvironment();

		new StorageEnvironmentPostProcessor().postProcessEnvironment(environment, null);

		assertThat(environment.getProperty("management.health.elasticsearch.enabled")).isEqualTo("false");
	}

	@Test
	void anExplicitSettingWins() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("service", Map.of("management.health.elasticsearch.enabled", "true")));

		new StorageEnvironmentPostProcessor().postProcessEnvironment(environment, null);

		assertThat(environment.getProperty("management.health.elasticsearch.enabled")).isEqualTo("true");
	}

}
