package io.panopticon.query.search;

import io.panopticon.storage.StorageClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires what the raw searches (traces, spans, logs) share. Nothing here connects to
 * Elasticsearch while the context starts.
 */
@Configuration(proxyBeanMethods = false)
public class SearchConfiguration {

	@Bean
	SearchClient searchClient(StorageClient storage) {
		return new SearchClient(storage);
	}

}
