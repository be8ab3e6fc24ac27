package io.panopticon.alert;

import io.panopticon.testing.RealServers;
import io.panopticon.testing.ServiceClient;
import io.panopticon.testing.ServiceClient.Response;
import io.panopticon.testing.TestServers;
import io.panopticon.testing.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * alert-service starts against real PostgreSQL (schema migrated), Kafka and
 * Elasticsearch, and reports all of them healthy.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealServers
class AlertServiceIT {

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerPostgres(registry);
		TestServers.registerKafka(registry);
		TestServers.registerElasticsearch(registry);
		registry.add("panopticon.jwt.public-key", TestTokens::publicKeyPem);
		registry.add("panopticon.admin.password", () -> "Correct-Horse-Battery-9");
		registry.add("panopticon.jwt.private-key", TestTokens::privateKeyPem);
		registry.add("panopticon.secret-key", () -> "integration-test-secret-key-of-some-length");
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void healthIsUpWithDatabaseKafkaAndElasticsearch() {
		Response health = new ServiceClient(this.port).get("/actuator/health");
		assertThat(health.status()).as(health.body()).isEqualTo(200);
		assertThat(health.json().at("/components/db/status").asString()).isEqualTo("UP");
		assertThat(health.json().at("/components/kafka/status").asString()).isEqualTo("UP");
		assertThat(health.json().at("/components/elasticsearch/status").asString()).isEqualTo("UP");
	}

	@Test
	void schemaIsMigratedAndGuardsRoles() {
		this.jdbc.update("insert into users (username, display_name, password_hash, role) values (?, ?, ?, ?)", "ops",
				"Ops", "x", "admin");
		assertThat(this.jdbc.queryForObject("select role from users where username = 'ops'", String.class))
			.isEqualTo("admin");
		assertThatException().isThrownBy(() -> this.jdbc.update(
				"insert into users (username, display_name, password_hash, role) values (?, ?, ?, ?)", "eve", "Eve",
				"x", "root"));
	}

}
