package io.panopticon.common.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Optional;

import jakarta.servlet.Filter;

import io.panopticon.common.security.ApiKeyIntrospector;
import io.panopticon.common.security.JwtVerifier;
import io.panopticon.common.security.PublicKeyCache;
import io.panopticon.common.security.Role;
import io.panopticon.common.security.VerifiedToken;
import io.panopticon.common.web.ProblemDetailsAdvice;
import io.panopticon.common.web.ProblemErrorController;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

class PanopticonWebAutoConfigurationTest {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PanopticonWebAutoConfiguration.class));

	@Test
	void providesVerifierFilterChainAndProblemDetails() {
		this.runner.withPropertyValues("panopticon.jwt.public-key=" + publicKeyPem()).run((context) -> {
			assertThat(context).hasSingleBean(JwtVerifier.class);
			assertThat(context).hasSingleBean(SecurityFilterChain.class);
			assertThat(context).hasSingleBean(ProblemDetailsAdvice.class);
			assertThat(context).hasSingleBean(ProblemErrorController.class);
			assertThat(context).hasSingleBean(HttpFirewall.class);
			assertThat(context).hasBean("originHeaderFilter");
			assertThat(context.getBean(PanopticonSecurityProperties.class).allowedOrigins())
				.containsExactly("http://localhost:3000", "http://127.0.0.1:3000");
		});
	}

	@Test
	void failsWithAClearMessageWithoutPublicKey() {
		this.runner.run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.rootCause()
			.hasMessageContaining("PANOPTICON_JWT_PUBLIC_KEY"));
	}

	@Test
	void startsWithOnlyAJwksUriWithoutReadingIt() {
		// Nothing listens on port 9: a service must start while alert-service is down.
		this.runner.withPropertyValues("panopticon.jwt.jwks-uri=http://127.0.0.1:9/.well-known/jwks.json")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(JwtVerifier.class);
				assertThat(context).hasSingleBean(PublicKeyCache.class);
				assertThat(context).hasSingleBean(ApiKeyIntrospector.class);
			});
	}

	@Test
	void refusesApiKeysWithoutIntrospection() {
		this.runner.withPropertyValues("panopticon.jwt.public-key=" + publicKeyPem()).run((context) -> {
			assertThat(context).doesNotHaveBean(PublicKeyCache.class);
			assertThat(context).doesNotHaveBean(ApiKeyIntrospector.class);
		});
	}

	@Test
	void receiversThatRequireATokenAcceptReporterApiKeys() {
		ApiKeyIntrospector keys = (key) -> switch (key) {
			case "pk_reporter" -> Optional.of(new VerifiedToken("apikey:1", Role.REPORTER, null));
			case "pk_viewer" -> Optional.of(new VerifiedToken("apikey:2", Role.VIEWER, null));
			default -> Optional.empty();
		};
		this.runner
			.withPropertyValues("panopticon.jwt.public-key=" + publicKeyPem(),
					"panopticon.security.ingest-token-required=true")
			.withBean(ApiKeyIntrospector.class, () -> keys)
			.run((context) -> {
				Filter security = context.getBean("springSecurityFilterChain", Filter.class);
				// The actuator matchers of the chain look the application up here.
				MockServletContext servlet = new MockServletContext();
				servlet.setAttribute(WebApplicationContext.ROOT_WEB_APPLICATION_CONTEXT_ATTRIBUTE, context);
				assertThat(postTraces(servlet, security, "pk_reporter")).isEqualTo(200);
				assertThat(postTraces(servlet, security, "pk_viewer")).isEqualTo(403);
				assertThat(postTraces(servlet, security, "pk_revoked")).isEqualTo(401);
				assertThat(postTraces(servlet, security, null)).isEqualTo(401);
			});
	}

	private static int postTraces(MockServletContext servlet, Filter security, String token) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest(servlet, "POST", "/v1/traces");
		if (token != null) {
			request.addHeader("Authorization", "Bearer " + token);
		}
		MockHttpServletResponse response = new MockHttpServletResponse();
		security.doFilter(request, response, new MockFilterChain());
		return response.getStatus();
	}

	@Test
	void backsOffWhenTheServiceDeclaresItsOwnFilterChain() {
		this.runner.withPropertyValues("panopticon.jwt.public-key=" + publicKeyPem())
			.withUserConfiguration(OwnChain.class)
			.run((context) -> assertThat(context).getBeans(SecurityFilterChain.class).containsOnlyKeys("ownChain"));
	}

	private static String publicKeyPem() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			byte[] der = generator.generateKeyPair().getPublic().getEncoded();
			return "-----BEGIN PUBLIC KEY-----\n"
					+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
					+ "\n-----END PUBLIC KEY-----";
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnChain {

		@Bean
		SecurityFilterChain ownChain(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
		}

	}

}
