package io.panopticon.aggregator;

import io.panopticon.testing.RealServers;
import io.panopticon.testing.ServiceClient;
import io.panopticon.testing.ServiceClient.Response;
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
 * aggregator-service starts against real Elasticsearch and Redis and reports both
 * healthy.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealServers
class AggregatorServiceIT {

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerElasticsearch(registry);
		TestServers.registerRedis(registry);
		registry.add("panopticon.jwt.public-key", TestTokens::publicKeyPem);
		// Its own lease: the machine's Redis may serve a local stack's aggregator too.
		registry.add("panopticon.aggregator.lease.key", () -> "panopticon:test:aggregator-service-it");
	}

	@LocalServerPort
	int port;

	@Test
	void healthIsUpWithElasticsearchAndRedis() {
		Response health = new ServiceClient(this.port).get("/actuator/health");
		assertThat(health.status()).as(health.body()).isEqualTo(200);
		assertThat(health.json().at("/components/storage/status").asString()).isEqualTo("UP");
		// The storage indicator takes the place of Spring Boot's, which fails OpenSearch.
		assertThat(health.json().at("/components/elasticsearch").isMissingNode()).as(health.body()).isTrue();
		assertThat(health.json().at("/components/redis/status").asString()).isEqualTo("UP");
	}

	@Test
	void prometheusIsPublicWithoutTheServersPaths() {
		Response metrics = new ServiceClient(this.port).get("/actuator/prometheus");
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes", "disk_free_bytes")
			.doesNotContain("path=\"")
			.doesNotContain(System.getProperty("user.dir"));
	}

	@Test
	void storageHealthNamesTheBackendFoundAtFirstUse() {
		ServiceClient client = new ServiceClient(this.port);
		Response health = client.get("/actuator/health", TestTokens.token("viewer"));
		assertThat(health.json().at("/components/storage/status").asString()).as(health.body()).isEqualTo("UP");
		// The test distribution answers 405 to GET /: Elasticsearch, not OpenSearch.
		assertThat(health.json().at("/components/storage/details/backend").asString()).isEqualTo("elasticsearch");
	}

	@Test
	void healthDetailsNeedAToken() {
		ServiceClient client = new ServiceClient(this.port);
		assertThat(client.get("/actuator/health").json().at("/components/redis/details").isMissingNode()).isTrue();
		assertThat(client.get("/actuator/health", TestTokens.token("viewer"))
			.json()
			.at("/components/redis/details/version")
			.asString()).isNotBlank();
	}

}
