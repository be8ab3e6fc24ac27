package io.panopticon.errorstream.recent;

import java.time.Clock;

import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;

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
	ErrorLogSearch errorLogSearch(Rest5Client client, Clock clock) {
		return new ErrorLogSearch(client, clock);
	}

}
