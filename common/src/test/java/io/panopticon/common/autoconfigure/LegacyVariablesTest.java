package io.panopticon.common.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LegacyVariablesTest {

	@Test
	void setsNothingWhenNoVariableIsSet() {
		assertThat(LegacyVariables.toProperties(Map.<String, String>of()::get)).isEmpty();
	}

	@Test
	void mapsConnectionAndTopicVariables() {
		Map<String, String> env = Map.of("KAFKA_BROKERS", "b1:9092,b2:9092", "ELASTICSEARCH_NODE", "https://es:9200",
				"OPENSEARCH_USERNAME", "elastic", "OPENSEARCH_PASSWORD", "secret", "REDIS_HOST", "cache",
				"KAFKA_APM_SPAN_TOPIC", "t.spans", "KAFKA_APM_LOG_TOPIC", "t.logs", "KAFKA_APM_LOG_ERROR_TOPIC",
				"t.errors");
		assertThat(LegacyVariables.toProperties(env::get))
			.containsEntry("spring.kafka.bootstrap-servers", "b1:9092,b2:9092")
			.containsEntry("spring.elasticsearch.uris", "https://es:9200")
			.containsEntry("spring.elasticsearch.username", "elastic")
			.containsEntry("spring.elasticsearch.password", "secret")
			.containsEntry("spring.data.redis.host", "cache")
			.doesNotContainKey("spring.data.redis.port")
			.containsEntry("panopticon.topics.spans", "t.spans")
			.containsEntry("panopticon.topics.logs", "t.logs")
			.containsEntry("panopticon.topics.logs-error", "t.errors");
	}

	@Test
	void splitsRedisHostAndPort() {
		assertThat(LegacyVariables.toProperties(Map.of("REDIS_HOST", "cache:6380")::get))
			.containsEntry("spring.data.redis.host", "cache")
			.containsEntry("spring.data.redis.port", "6380");
	}

	@Test
	void fallsBackToLocalBrokers() {
		assertThat(LegacyVariables.toProperties(Map.of("KAFKA_BROKERS_LOCAL", "localhost:9092")::get))
			.containsEntry("spring.kafka.bootstrap-servers", "localhost:9092");
	}

	@Test
	void allowedOriginsComeFromTheSharedVariableOrErrorStreamsOriginalOne() {
		assertThat(LegacyVariables.toProperties(Map.of("ERROR_STREAM_WS_ORIGINS", "https://*.example.com")::get))
			.containsEntry("panopticon.security.allowed-origins", "https://*.example.com");
		assertThat(LegacyVariables.toProperties(Map.of("PANOPTICON_ALLOWED_ORIGINS", "http://dash.test",
				"ERROR_STREAM_WS_ORIGINS", "http://old.test")::get))
			.containsEntry("panopticon.security.allowed-origins", "http://dash.test");
	}

	@Test
	void sslAloneSelectsSslProtocol() {
		assertThat(LegacyVariables.toProperties(Map.of("KAFKA_SSL", "true")::get))
			.containsEntry("spring.kafka.security.protocol", "SSL")
			.doesNotContainKey("spring.kafka.properties.sasl.mechanism");
	}

	@Test
	void scramOverSslBuildsJaasConfig() {
		Map<String, String> env = Map.of("KAFKA_SSL", "true", "KAFKA_SASL_MECHANISM", "scram", "KAFKA_SASL_USERNAME",
				"svc", "KAFKA_SASL_PASSWORD", "p\"w");
		assertThat(LegacyVariables.toProperties(env::get)).containsEntry("spring.kafka.security.protocol", "SASL_SSL")
			.containsEntry("spring.kafka.properties.sasl.mechanism", "SCRAM-SHA-512")
			.containsEntry("spring.kafka.properties.sasl.jaas.config",
					"org.apache.kafka.common.security.scram.ScramLoginModule required username=\"svc\" password=\"p\\\"w\";");
	}

	@Test
	void plainWithoutSslUsesSaslPlaintext() {
		Map<String, String> env = Map.of("KAFKA_SASL_MECHANISM", "PLAIN", "KAFKA_SASL_USERNAME", "u",
				"KAFKA_SASL_PASSWORD", "p");
		assertThat(LegacyVariables.toProperties(env::get))
			.containsEntry("spring.kafka.security.protocol", "SASL_PLAINTEXT")
			.containsEntry("spring.kafka.properties.sasl.mechanism", "PLAIN")
			.containsEntry("spring.kafka.properties.sasl.jaas.config",
					"org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p\";");
	}

	@Test
	void refusesUnknownSaslMechanism() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LegacyVariables.toProperties(Map.of("KAFKA_SASL_MECHANISM", "kerberos")::get))
			.withMessageContaining("KAFKA_SASL_MECHANISM");
	}

}
