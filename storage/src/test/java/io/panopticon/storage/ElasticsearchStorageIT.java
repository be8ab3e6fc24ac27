package io.panopticon.storage;

import io.panopticon.testing.RealServers;
import io.panopticon.testing.RealServers.Server;
import io.panopticon.testing.TestServers;

/**
 * The storage contract on Elasticsearch 8.19.
 */
@RealServers(Server.ELASTICSEARCH)
class ElasticsearchStorageIT extends StorageContractIT {

	@Override
	String url() {
		return TestServers.elasticsearchUrl();
	}

	@Override
	Backend backend() {
		return Backend.ELASTICSEARCH;
	}

}
