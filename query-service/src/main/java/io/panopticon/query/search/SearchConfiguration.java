package io.panopticon.query.search;

import io.panopticon.storage.StorageClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires what the raw searches (traces, spans, logs) share. Nothing here connects to
 * Elasticsearch while the context starts.
 */
@Configuration(proxyBeanMethods = false)
public class SearchConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SearchConfiguration.class);

	@Bean
	SearchClient searchClient(StorageClient storage) {
		return new SearchClient(storage);
	}

	@Bean
	CursorCodec cursorCodec(CursorProperties cursor, SearchProperties search) {
		if (!cursor.hasKey()) {
			log.warn("No cursor key is set (PANOPTICON_CURSOR_KEY): cursors are signed with a random key, so they "
					+ "stop working when this instance restarts and are refused by other replicas");
		}
		return CursorCodec.of(cursor, search.maxRange());
	}

}
