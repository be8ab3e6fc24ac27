package io.panopticon.storage.autoconfigure;

import io.panopticon.storage.Backend;
import io.panopticon.storage.StorageClient;
import io.panopticon.storage.StorageException;
import io.panopticon.storage.StorageRequest;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The health of the search cluster, on Elasticsearch and OpenSearch alike: asks
 * {@code GET _cluster/health} on every check, so it is DOWN while the cluster cannot be
 * reached and OUT_OF_SERVICE while it is red, and names the backend ({@code backend}:
 * {@code elasticsearch} or {@code opensearch}, learned at first use). It takes the place
 * of Spring Boot's {@code elasticsearch} indicator (see
 * {@link StorageEnvironmentPostProcessor}), which OpenSearch fails.
 */
class StorageHealthIndicator extends AbstractHealthIndicator {

	private final StorageClient client;

	StorageHealthIndicator(StorageClient client) {
		super("Storage health check failed");
		this.client = client;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		try {
			Backend backend = this.client.backend();
			JsonNode cluster = this.client.send(StorageRequest.of("GET", "/_cluster/health"));
			String status = cluster.path("status").asString("unknown");
			if ("red".equals(status)) {
				builder.outOfService();
			}
			else {
				builder.up();
			}
			builder.withDetail("backend", backend.id()).withDetail("cluster", status);
		}
		catch (StorageException ex) {
			builder.down().withDetail("error", ex.getMessage());
		}
	}

}
