package io.panopticon.alert;

import io.panopticon.testing.TestServers;
import io.panopticon.testing.TestTokens;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What every alert-service integration test gives the service: the shared PostgreSQL,
 * Kafka and Elasticsearch, the test token keys, a secret key and a first admin.
 */
public final class AlertTestServers {

	/** The first admin's password. */
	public static final String ADMIN_PASSWORD = "Correct-Horse-Battery-9";

	private AlertTestServers() {
	}

	/**
	 * Registers the servers and settings.
	 * @param registry the test's properties
	 * @param admin the first admin's user name
	 */
	public static void register(DynamicPropertyRegistry registry, String admin) {
		TestServers.registerPostgres(registry);
		TestServers.registerKafka(registry);
		TestServers.registerElasticsearch(registry);
		registry.add("panopticon.jwt.public-key", TestTokens::publicKeyPem);
		registry.add("panopticon.jwt.private-key", TestTokens::privateKeyPem);
		registry.add("panopticon.secret-key", () -> "integration-test-secret-key-of-some-length");
		registry.add("panopticon.admin.username", () -> admin);
		registry.add("panopticon.admin.password", () -> ADMIN_PASSWORD);
		// The cheapest cost: these tests check behaviour, the benchmark measures cost.
		registry.add("panopticon.alert.bcrypt-strength", () -> "4");
	}

}
