package io.panopticon.query;

import io.panopticon.testing.RealServers;
import io.panopticon.testing.ServiceClient;
import io.panopticon.testing.TestServers;
import io.panopticon.testing.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code public-read=true}, reads need no token but writes and actuator still do.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "panopticon.security.public-read=true")
@RealServers
class QueryPublicReadIT {

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerElasticsearch(registry);
		TestServers.registerRedis(registry);
		registry.add("panopticon.jwt.public-key", TestTokens::publicKeyPem);
	}

	@LocalServerPort
	int port;

	@Test
	void readsPassWithoutTokenButWritesAndActuatorDoNot() {
		ServiceClient client = new ServiceClient(this.port);
		assertThat(client.get("/api/services").status()).isEqualTo(200);
		assertThat(client.send("POST", "/api/services", null, "{}").status()).isEqualTo(401);
		assertThat(client.get("/actuator/env").status()).isEqualTo(401);
		assertThat(client.get("/api/services", TestTokens.tampered("viewer")).status()).isEqualTo(401);
	}

}
