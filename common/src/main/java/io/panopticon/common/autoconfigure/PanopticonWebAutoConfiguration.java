package io.panopticon.common.autoconfigure;

import java.security.PublicKey;
import java.time.Clock;
import java.util.List;

import io.panopticon.common.security.ApiKeyIntrospector;
import io.panopticon.common.security.BearerTokenFilter;
import io.panopticon.common.security.CorsPolicy;
import io.panopticon.common.security.IntrospectionClient;
import io.panopticon.common.security.JwksClient;
import io.panopticon.common.security.JwtAuthenticationManager;
import io.panopticon.common.security.JwtVerifier;
import io.panopticon.common.security.OriginHeaderFilter;
import io.panopticon.common.security.PublicKeyCache;
import io.panopticon.common.security.ProblemSecurityHandlers;
import io.panopticon.common.web.ProblemDetailsAdvice;
import io.panopticon.common.web.ProblemErrorController;
import io.panopticon.common.web.ProblemReportValve;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The HTTP edge every service shares: problem details for every error (Spring MVC's, the
 * servlet container's error dispatch and Tomcat's own error report alike, never an HTML
 * page), a 403 for an {@code Origin} header that is no origin, CORS for the origins in
 * {@code panopticon.security.allowed-origins}, and bearer-token security with these
 * rules, first match wins:
 * <ol>
 * <li>actuator health, info and prometheus: everyone;</li>
 * <li>reading actuator loggers and metrics: viewer; every other actuator endpoint (env,
 * changing loggers, ...): admin;</li>
 * <li>the OpenAPI description, where the service publishes one, and
 * {@code panopticon.security.public-paths}: everyone;</li>
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
		"org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
		"org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration" })
@ConditionalOnWebApplication(type = Type.SERVLET)
public class PanopticonWebAutoConfiguration {

	/** Where springdoc-openapi serves the description (JSON, then YAML). */
	static final String[] API_DESCRIPTION_PATHS = { "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml" };

	/** Whether the service publishes an OpenAPI description (springdoc-openapi). */
	private static final boolean PUBLISHES_API_DESCRIPTION = ClassUtils.isPresent(
			"org.springdoc.core.customizers.OpenApiCustomizer", PanopticonWebAutoConfiguration.class.getClassLoader());

	@Bean
	@ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
	ProblemDetailsAdvice problemDetailsAdvice() {
		return new ProblemDetailsAdvice();
	}

	/** In place of Boot's {@code BasicErrorController}, which can answer HTML. */
	@Bean
	@ConditionalOnMissingBean(ErrorController.class)
	ProblemErrorController problemErrorController() {
		return new ProblemErrorController();
	}

	/** First of all filters: nothing may parse an Origin header that is no origin. */
	@Bean
	FilterRegistrationBean<OriginHeaderFilter> originHeaderFilter() {
		FilterRegistrationBean<OriginHeaderFilter> registration = new FilterRegistrationBean<>(
				new OriginHeaderFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Tomcat.class, TomcatServletWebServerFactory.class })
	static class TomcatConfiguration {

		/**
		 * Tomcat's error report as a problem detail, and encoded slashes ({@code %2F}) in
		 * paths decoded instead of rejected, so that a path segment can hold a slash (an
		 * endpoint name such as {@code GET /api/orders}). Spring matches paths segment by
		 * segment on the undecoded URI, so {@code a%2Fb} stays one segment there. Ordered
		 * after Boot's own customizer, whose error report it replaces.
		 */
		@Bean
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemTomcatCustomizer() {
			return new ProblemTomcatCustomizer();
		}

	}

	static final class ProblemTomcatCustomizer
			implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			factory.addConnectorCustomizers(
					(connector) -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.DECODE.getValue()));
			factory.addContextCustomizers((context) -> {
				Container host = context.getParent();
				for (Valve valve : host.getPipeline().getValves()) {
					if (valve instanceof ErrorReportValve) {
						host.getPipeline().removeValve(valve);
					}
				}
				// The host adds a report valve of this class at start unless it has one.
				if (host instanceof StandardHost standardHost) {
					standardHost.setErrorReportValveClass(ProblemReportValve.class.getName());
				}
				host.getPipeline().addValve(new ProblemReportValve());
			});
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

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

		/**
		 * Spring Security's default firewall, except that an encoded slash may appear in
		 * a path segment (see {@link ProblemTomcatCustomizer}).
		 */
		@Bean
		@ConditionalOnMissingBean
		HttpFirewall httpFirewall() {
			StrictHttpFirewall firewall = new StrictHttpFirewall();
			firewall.setAllowUrlEncodedSlash(true);
			return firewall;
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
				// Early in the chain: a preflight is answered before authentication.
				.addFilter(CorsPolicy.filter(properties.allowedOrigins()))
				.authorizeHttpRequests((requests) -> {
					requests.requestMatchers(EndpointRequest.to("health", "info", "prometheus")).permitAll();
					requests
						.requestMatchers(HttpMethod.GET, "/actuator/loggers", "/actuator/loggers/**",
								"/actuator/metrics", "/actuator/metrics/**")
						.hasRole("VIEWER");
					requests.requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole("ADMIN");
					requests.requestMatchers("/error").permitAll();
					if (PUBLISHES_API_DESCRIPTION) {
						// Public, like any published API reference.
						requests.requestMatchers(API_DESCRIPTION_PATHS).permitAll();
					}
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
