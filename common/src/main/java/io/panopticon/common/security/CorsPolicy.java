package io.panopticon.common.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.panopticon.common.web.ProblemResponses;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * The CORS rules every service shares: browser pages from the allowed origins may call
 * any path with any method, sending {@code Authorization} and {@code Content-Type}; a
 * preflight is answered before authentication, so it needs no token. Requests from other
 * origins are refused with a 403 problem detail.
 */
public final class CorsPolicy {

	private CorsPolicy() {
	}

	/**
	 * The filter enforcing the rules.
	 * @param allowedOrigins origins or origin patterns ({@code https://*.example.com});
	 * none means no cross-origin call is allowed
	 * @return the filter, for the security filter chain
	 */
	public static CorsFilter filter(List<String> allowedOrigins) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		if (!allowedOrigins.isEmpty()) {
			CorsConfiguration configuration = new CorsConfiguration();
			configuration.setAllowedOriginPatterns(allowedOrigins);
			configuration.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
			configuration.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE));
			// Tokens travel in a header, never in cookies.
			configuration.setAllowCredentials(false);
			configuration.setMaxAge(3600L);
			source.registerCorsConfiguration("/**", configuration);
		}
		CorsFilter filter = new CorsFilter(source);
		filter.setCorsProcessor(new ProblemCorsProcessor());
		return filter;
	}

	/** Refuses with a problem detail instead of the plain-text "Invalid CORS request". */
	static final class ProblemCorsProcessor extends DefaultCorsProcessor {

		@Override
		protected void rejectRequest(ServerHttpResponse response) throws IOException {
			response.setStatusCode(HttpStatus.FORBIDDEN);
			response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
			response.getBody()
				.write(ProblemResponses
					.json(HttpStatus.FORBIDDEN.value(),
							"this origin, method or header is not allowed to call the service from a browser "
									+ "(panopticon.security.allowed-origins)",
							null)
					.getBytes(StandardCharsets.UTF_8));
			response.flush();
		}

	}

}
