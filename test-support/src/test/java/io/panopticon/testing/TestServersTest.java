package io.panopticon.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestServersTest {

	@Test
	void registerAllAddsSpringBootPropertiesWithoutStartingAnything() {
		Map<String, Supplier<Object>> properties = new LinkedHashMap<>();

		// Only the suppliers are kept; calling one would start a server.
		TestServers.registerAll(properties::put);

		assertThat(properties).containsOnlyKeys("spring.kafka.bootstrap-servers", "spring.elasticsearch.uris",
				"spring.data.redis.host", "spring.data.redis.port", "spring.datasource.url",
				"spring.datasource.username", "spring.datasource.password");
	}

	@Test
	void narrowRegistrationsAddOnlyTheirServer() {
		Map<String, Supplier<Object>> properties = new LinkedHashMap<>();

		TestServers.registerRedis(properties::put);

		assertThat(properties).containsOnlyKeys("spring.data.redis.host", "spring.data.redis.port");
	}

}
