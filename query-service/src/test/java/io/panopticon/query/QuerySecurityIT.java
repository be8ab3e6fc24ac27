package io.panopticon.query;

import io.panopticon.testing.RealServers;
import io.panopticon.testing.ServiceClient;
import io.panopticon.testing.ServiceClient.Response;
import io.panopticon.testing.TestServers;
import io.panopticon.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security rules every service shares, exercised over real HTTP against query-service
 * wired to real Elasticsearch and Redis, with reads requiring a token.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "panopticon.security.public-read=false")
@RealServers
class QuerySecurityIT {

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerElasticsearch(registry);
		TestServers.registerRedis(registry);
		registry.add("panopticon.jwt.public-key", TestTokens::publicKeyPem);
	}

	@LocalServerPort
	int port;

	ServiceClient client;

	@BeforeEach
	void client() {
		this.client = new ServiceClient(this.port);
	}

	@Test
	void healthIsPublicAndUpWithElasticsearchAndRedis() {
		Response health = this.client.get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().at("/status").asString()).isEqualTo("UP");
		assertThat(health.json().at("/components/storage/status").asString()).isEqualTo("UP");
		assertThat(health.json().at("/components/redis/status").asString()).isEqualTo("UP");
	}

	@Test
	void prometheusIsPublic() {
		Response metrics = this.client.get("/actuator/prometheus");
		assertThat(metrics.status()).isEqualTo(200);
		// Open to anyone, so without the server's paths (the disk meters' path label).
		assertThat(metrics.body()).contains("jvm_memory_used_bytes", "disk_free_bytes")
			.doesNotContain("path=\"")
			.doesNotContain(System.getProperty("user.dir"));
	}

	@Test
	void readWithoutTokenIsUnauthorizedProblem() {
		assertProblem(this.client.get("/api/services"), 401);
	}

	@Test
	void readWithViewerTokenPassesSecurity() {
		assertThat(this.client.get("/api/services", TestTokens.token("viewer")).status()).isEqualTo(200);
		// An unmapped path gets past security too, and is a 404 problem.
		Response response = this.client.get("/api/no-such-thing", TestTokens.token("viewer"));
		assertProblem(response, 404);
		assertThat(response.json().at("/detail").asString()).isEqualTo("no endpoint GET /api/no-such-thing");
	}

	@Test
	void untrustworthyTokensAreUnauthorized() {
		assertProblem(this.client.get("/api/services", TestTokens.tampered("viewer")), 401);
		assertProblem(this.client.get("/api/services", TestTokens.expired("viewer")), 401);
		assertProblem(this.client.get("/api/services", TestTokens.unsigned("admin")), 401);
		assertProblem(this.client.get("/api/services", TestTokens.signedByOtherKey("admin")), 401);
		assertProblem(this.client.get("/api/services", "not-a-token"), 401);
	}

	@Test
	void environmentEndpointNeedsAdmin() {
		assertProblem(this.client.get("/actuator/env"), 401);
		assertProblem(this.client.get("/actuator/env", TestTokens.token("viewer")), 403);
		assertProblem(this.client.get("/actuator/env", TestTokens.token("reporter")), 403);
		Response env = this.client.get("/actuator/env", TestTokens.token("admin"));
		assertThat(env.status()).isEqualTo(200);
		assertThat(env.json().has("propertySources")).isTrue();
	}

	@Test
	void changingLoggersNeedsAdminWhileReadingNeedsViewer() {
		String change = "{\"configuredLevel\":\"DEBUG\"}";
		assertThat(this.client.get("/actuator/loggers/io.panopticon", TestTokens.token("viewer")).status())
			.isEqualTo(200);
		assertProblem(this.client.send("POST", "/actuator/loggers/io.panopticon", TestTokens.token("viewer"), change),
				403);
		assertThat(
				this.client.send("POST", "/actuator/loggers/io.panopticon", TestTokens.token("admin"), change).status())
			.isEqualTo(204);
		assertThat(this.client.get("/actuator/loggers/io.panopticon", TestTokens.token("viewer"))
			.json()
			.at("/configuredLevel")
			.asString()).isEqualTo("DEBUG");
	}

	@Test
	void writesNeedReporter() {
		assertProblem(this.client.send("POST", "/api/services", TestTokens.token("viewer"), "{}"), 403);
	}

	private static void assertProblem(Response response, int status) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().at("/status").asInt()).isEqualTo(status);
		assertThat(response.json().at("/title").asString()).isNotBlank();
	}

}
