package io.panopticon.storage.autoconfigure;

import io.panopticon.storage.StorageClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code storage} health indicator, which names the backend of the search cluster.
 */
@AutoConfiguration(after = StorageAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(StorageClient.class)
public class StorageHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "storageHealthIndicator")
	StorageHealthIndicator storageHealthIndicator(StorageClient client) {
		return new StorageHealthIndicator(client);
	}

}
