package io.panopticon.query.search;

import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires what the raw searches (traces, spans, logs) share. Nothing here connects to
 * Elasticsearch while the context starts.
 */
@Configuration(proxyBeanMethods = false)
public class SearchConfiguration {

	@Bean
	SearchClient searchClient(Rest5Client client) {
		return new SearchClient(client);
	}

}
