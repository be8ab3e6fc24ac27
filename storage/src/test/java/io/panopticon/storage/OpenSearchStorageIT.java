package io.panopticon.storage;

import io.panopticon.testing.RealServers;
import io.panopticon.testing.RealServers.Server;
import io.panopticon.testing.TestServers;

/**
 * The storage contract on OpenSearch 2.19.
 */
@RealServers(Server.OPENSEARCH)
class OpenSearchStorageIT extends StorageContractIT {

	@Override
	String url() {
		return TestServers.openSearchUrl();
	}

	@Override
	Backend backend() {
		return Backend.OPENSEARCH;
	}

}
