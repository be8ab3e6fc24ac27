package io.panopticon.storage.autoconfigure;

import io.panopticon.storage.Backend;
import io.panopticon.storage.StorageClient;
import io.panopticon.storage.StorageException;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports which backend the search cluster is ({@code backend}: {@code elasticsearch} or
 * {@code opensearch}); asks the cluster when that is not known yet, so it is down while
 * the cluster cannot be reached.
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
			builder.up().withDetail("backend", backend.id());
		}
		catch (StorageException ex) {
			builder.down().withDetail("error", ex.getMessage());
		}
	}

}
