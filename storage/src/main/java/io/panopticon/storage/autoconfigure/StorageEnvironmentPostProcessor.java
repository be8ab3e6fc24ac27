package io.panopticon.storage.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns Spring Boot's {@code elasticsearch} health contributor off by default wherever
 * the storage module is, since the {@code storage} health indicator takes its place:
 * Boot's asks the cluster with the Elasticsearch client's product check and reports
 * OpenSearch DOWN ("Missing [X-Elastic-Product] header"), while {@code storage} is UP on
 * both backends and names the one it found. Boot's needs the same low-level client bean
 * as {@code storage}, so one is there exactly when the other would be. Ranked last:
 * {@code management.health.elasticsearch.enabled=true} anywhere turns it back on.
 */
public class StorageEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String DEFAULTS = "panopticonStorageDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources()
			.addLast(new MapPropertySource(DEFAULTS, Map.of("management.health.elasticsearch.enabled", "false")));
	}

}
