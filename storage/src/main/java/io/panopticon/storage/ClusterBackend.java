package io.panopticon.storage;

import java.util.Optional;

/**
 * What this process has learned about the backend of the search cluster: nothing until
 * {@link StorageClient} first reaches it. Shared between the client and whatever adapts
 * the requests of the HTTP client beneath it (the media types). Thread-safe.
 */
public final class ClusterBackend {

	private volatile Backend backend;

	/**
	 * Returns the backend, once known.
	 * @return the backend, or empty before the cluster was first reached
	 */
	public Optional<Backend> known() {
		return Optional.ofNullable(this.backend);
	}

	/**
	 * Returns the backend to adapt requests to: Elasticsearch while it is not known yet.
	 * @return the backend
	 */
	public Backend assumed() {
		Backend known = this.backend;
		return (known != null) ? known : Backend.ELASTICSEARCH;
	}

	void learn(Backend backend) {
		this.backend = backend;
	}

}
