package io.panopticon.errorstream.recent;

import java.time.Clock;

import io.panopticon.common.autoconfigure.PanopticonSecurityProperties;
import io.panopticon.storage.StorageClient;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Wires the catch-up endpoint, callable from the same browser origins as the WebSocket.
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

	@Bean
	WebMvcConfigurer recentErrorLogsCors(PanopticonSecurityProperties security) {
		return new WebMvcConfigurer() {

			@Override
			public void addCorsMappings(CorsRegistry registry) {
				if (!security.allowedOrigins().isEmpty()) {
					registry.addMapping("/api/error-logs/**")
						.allowedOriginPatterns(security.allowedOrigins().toArray(String[]::new))
						.allowedMethods("GET")
						.allowedHeaders("Authorization");
				}
			}

		};
	}

}
