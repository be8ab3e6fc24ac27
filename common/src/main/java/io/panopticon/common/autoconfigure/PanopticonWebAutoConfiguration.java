package io.panopticon.common.autoconfigure;

import java.security.PublicKey;
import java.time.Clock;
import java.util.List;

import io.panopticon.common.security.ApiKeyIntrospector;
import io.panopticon.common.security.BearerTokenFilter;
import io.panopticon.common.security.IntrospectionClient;
import io.panopticon.common.security.JwksClient;
import io.panopticon.common.security.JwtAuthenticationManager;
import io.panopticon.common.security.JwtVerifier;
import io.panopticon.common.security.PublicKeyCache;
import io.panopticon.common.security.ProblemSecurityHandlers;
import io.panopticon.common.web.ProblemDetailsAdvice;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The HTTP edge every service shares: problem details for every error, and bearer-token
 * security with these rules, first match wins:
 * <ol>
 * <li>actuator health, info and prometheus: everyone;</li>
 * <li>reading actuator loggers and metrics: viewer; every other actuator endpoint (env,
 * changing loggers, ...): admin;</li>
 * <li>{@code panopticon.security.public-paths}: everyone;</li>
 * <li>{@code panopticon.security.authenticated-paths}: any valid token;</li>
 * <li>telemetry receivers: everyone, or reporter when
 * {@code panopticon.security.ingest-token-required};</li>
 * <li>{@code /api/admin/**} and {@code panopticon.security.admin-paths}: admin;</li>
 * <li>GET and HEAD: viewer, or everyone when
 * {@code panopticon.security.public-read};</li>
 * <li>anything else (writes): reporter.</li>
 * </ol>
 */
@AutoConfiguration(beforeName = {
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
		"org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration" })
@ConditionalOnWebApplication(type = Type.SERVLET)
public class PanopticonWebAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
	ProblemDetailsAdvice problemDetailsAdvice() {
		return new ProblemDetailsAdvice();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SecurityFilterChain.class)
	@EnableWebSecurity
	@EnableConfigurationProperties({ PanopticonSecurityProperties.class, PanopticonJwtProperties.class })
	static class SecurityConfiguration {

		/**
		 * The keys of {@code kid} tokens: alert-service's JWK set, read over HTTP, when
		 * {@code panopticon.jwt.jwks-uri} is set; alert-service declares its own.
		 */
		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnExpression("'${panopticon.jwt.jwks-uri:}' != ''")
		PublicKeyCache publicKeyCache(PanopticonJwtProperties properties) {
			return new PublicKeyCache(new JwksClient(properties.jwksUri(), properties.fetchTimeout()),
					Clock.systemUTC(), properties.jwksMaxAge(), properties.jwksMinReloadInterval());
		}

		/**
		 * Checks API keys with alert-service's introspection endpoint, when one is known;
		 * alert-service declares its own.
		 */
		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnExpression("'${panopticon.jwt.jwks-uri:}' != '' or '${panopticon.jwt.introspect-uri:}' != ''")
		ApiKeyIntrospector apiKeyIntrospector(PanopticonJwtProperties properties) {
			return new IntrospectionClient(properties.effectiveIntrospectUri(), properties.fetchTimeout(),
					properties.introspectCacheTtl(), Clock.systemUTC());
		}

		@Bean
		@ConditionalOnMissingBean
		JwtVerifier jwtVerifier(PanopticonJwtProperties properties, ObjectProvider<PublicKeyCache> keySet,
				ObjectProvider<ApiKeyIntrospector> apiKeys) {
			PublicKeyCache cache = keySet.getIfAvailable();
			if (!properties.hasPublicKey() && cache == null) {
				throw new IllegalStateException("No JWT public key: set PANOPTICON_JWT_PUBLIC_KEY "
						+ "(or panopticon.jwt.public-key) to the PEM text or the path of the public key file, "
						+ "or PANOPTICON_JWT_JWKS_URI to alert-service's /.well-known/jwks.json");
			}
			PublicKey staticKey = properties.hasPublicKey() ? JwtVerifier.readPublicKey(properties.publicKey()) : null;
			return new JwtVerifier(staticKey, cache, apiKeys.getIfAvailable(),
					new JwtVerifier.Settings(properties.issuer(), properties.maxLifetime(), properties.clockSkew()),
					Clock.systemUTC());
		}

		@Bean
		@ConditionalOnMissingBean
		JwtAuthenticationManager jwtAuthenticationManager(JwtVerifier verifier) {
			return new JwtAuthenticationManager(verifier);
		}

		@Bean
		@ConditionalOnMissingBean(SecurityFilterChain.class)
		SecurityFilterChain panopticonSecurityFilterChain(HttpSecurity http, JwtAuthenticationManager authentication,
				PanopticonSecurityProperties properties) throws Exception {
			ProblemSecurityHandlers problems = new ProblemSecurityHandlers();
			http.csrf((csrf) -> csrf.disable())
				.httpBasic((basic) -> basic.disable())
				.formLogin((form) -> form.disable())
				.logout((logout) -> logout.disable())
				.requestCache((cache) -> cache.disable())
				.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.authenticationManager(authentication)
				.exceptionHandling(
						(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
				// Not a bean: Boot would register a bean filter a second time, outside
				// security.
				.addFilterBefore(new BearerTokenFilter(authentication), AnonymousAuthenticationFilter.class)
				.authorizeHttpRequests((requests) -> {
					requests.requestMatchers(EndpointRequest.to("health", "info", "prometheus")).permitAll();
					requests
						.requestMatchers(HttpMethod.GET, "/actuator/loggers", "/actuator/loggers/**",
								"/actuator/metrics", "/actuator/metrics/**")
						.hasRole("VIEWER");
					requests.requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole("ADMIN");
					requests.requestMatchers("/error").permitAll();
					if (!properties.publicPaths().isEmpty()) {
						requests.requestMatchers(properties.publicPaths().toArray(String[]::new)).permitAll();
					}
					if (!properties.authenticatedPaths().isEmpty()) {
						requests.requestMatchers(properties.authenticatedPaths().toArray(String[]::new))
							.authenticated();
					}
					if (!properties.receiverPaths().isEmpty()) {
						var receivers = requests.requestMatchers(properties.receiverPaths().toArray(String[]::new));
						if (properties.ingestTokenRequired()) {
							receivers.hasRole("REPORTER");
						}
						else {
							receivers.permitAll();
						}
					}
					requests.requestMatchers("/api/admin/**").hasRole("ADMIN");
					if (!properties.adminPaths().isEmpty()) {
						requests.requestMatchers(properties.adminPaths().toArray(String[]::new)).hasRole("ADMIN");
					}
					requests.requestMatchers(HttpMethod.OPTIONS, "/**").permitAll();
					for (HttpMethod read : List.of(HttpMethod.GET, HttpMethod.HEAD)) {
						var reads = requests.requestMatchers(read, "/**");
						if (properties.publicRead()) {
							reads.permitAll();
						}
						else {
							reads.hasRole("VIEWER");
						}
					}
					requests.anyRequest().hasRole("REPORTER");
				});
			return http.build();
		}

	}

}
