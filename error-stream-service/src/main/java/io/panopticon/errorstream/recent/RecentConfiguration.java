package io.panopticon.errorstream.recent;

import java.time.Clock;

import io.panopticon.storage.StorageClient;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the catch-up endpoint. Browsers may call it from the same origins as the
 * WebSocket: common's CORS rules ({@code panopticon.security.allowed-origins}) cover
 * every path.
 */
@Configuration(proxyBeanMethods = false)
class RecentConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	ErrorLogSearch errorLogSearch(StorageClient storage, Clock clock) {
		return new ErrorLogSearch(storage, clock);
	}

}
