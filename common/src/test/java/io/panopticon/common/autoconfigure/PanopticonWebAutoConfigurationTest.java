package io.panopticon.common.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;

import io.panopticon.common.security.ApiKeyIntrospector;
import io.panopticon.common.security.JwtVerifier;
import io.panopticon.common.security.PublicKeyCache;
import io.panopticon.common.web.ProblemDetailsAdvice;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

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
