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
		assertThat(LegacyVariables.toProperties(Map.of("PANOPTICON_ALLOWED_ORIGINS", "http://dash.test")::get))
			.containsEntry("panopticon.security.allowed-origins", "http://dash.test");
		assertThat(LegacyVariables.toProperties(Map.of("spring.application.name", "error-stream-service",
				"ERROR_STREAM_WS_ORIGINS", "https://*.example.com")::get))
			.containsEntry("panopticon.security.allowed-origins", "https://*.example.com");
		assertThat(LegacyVariables.toProperties(Map.of("spring.application.name", "error-stream-service",
				"PANOPTICON_ALLOWED_ORIGINS", "http://dash.test", "ERROR_STREAM_WS_ORIGINS", "http://old.test")::get))
			.containsEntry("panopticon.security.allowed-origins", "http://dash.test");
	}

	@Test
	void theCursorKeyIsOneForEveryReplica() {
		String key = "0123456789abcdef0123456789abcdef";
		assertThat(LegacyVariables.toProperties(Map.of("PANOPTICON_CURSOR_KEY", key)::get))
			.containsExactly(Map.entry("panopticon.query.cursor.key", key));
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

	@Test
	void regionWithoutUserSignsInToMskWithIam() {
		assertThat(LegacyVariables.toProperties(Map.of("KAFKA_AWS_REGION", "eu-west-1")::get))
			.containsEntry("spring.kafka.security.protocol", "SASL_SSL")
			.containsEntry("spring.kafka.properties.sasl.mechanism", "AWS_MSK_IAM")
			.containsEntry("spring.kafka.properties.sasl.jaas.config",
					"software.amazon.msk.auth.iam.IAMLoginModule required awsStsRegion=\"eu-west-1\";")
			.containsEntry("spring.kafka.properties.sasl.client.callback.handler.class",
					"software.amazon.msk.auth.iam.IAMClientCallbackHandler");
	}

	@Test
	void iamMechanismNeedsNoRegion() {
		assertThat(LegacyVariables.toProperties(Map.of("KAFKA_SASL_MECHANISM", "aws_msk_iam")::get))
			.containsEntry("spring.kafka.security.protocol", "SASL_SSL")
			.containsEntry("spring.kafka.properties.sasl.jaas.config",
					"software.amazon.msk.auth.iam.IAMLoginModule required;");
	}

	@Test
	void regionDoesNotOverrideScramSignIn() {
		Map<String, String> env = Map.of("KAFKA_AWS_REGION", "eu-west-1", "KAFKA_SSL", "true", "KAFKA_SASL_MECHANISM",
				"SCRAM", "KAFKA_SASL_USERNAME", "u", "KAFKA_SASL_PASSWORD", "p");
		assertThat(LegacyVariables.toProperties(env::get)).containsEntry("spring.kafka.properties.sasl.mechanism",
				"SCRAM-SHA-512");
	}

	@Test
	void mapsSearchClusterTlsAndIsm() {
		Map<String, String> env = Map.of("OPENSEARCH_REJECT_UNAUTHORIZED", "false", "USE_ISM", "TRUE");
		assertThat(LegacyVariables.toProperties(env::get))
			.containsEntry("panopticon.elasticsearch.verify-certificates", "false")
			.containsEntry("panopticon.storage.use-ism", "true");
	}

	@Test
	void refusesABooleanThatIsNeither() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LegacyVariables.toProperties(Map.of("OPENSEARCH_REJECT_UNAUTHORIZED", "0")::get))
			.withMessage("OPENSEARCH_REJECT_UNAUTHORIZED must be true or false, not '0'");
	}

	@Test
	void mapsIngestVariablesWithTheirUnits() {
		Map<String, String> env = Map.of("BULK_BATCH_SIZE", "500", "BULK_BATCH_BYTES_MB", "5", "BULK_FLUSH_INTERVAL_MS",
				"1000", "BULK_MAX_PARALLEL_FLUSHES", "1", "STREAM_THROUGHPUT_BATCH_SIZE", "0",
				"STREAM_THROUGHPUT_MIN_INTERVAL_MS", "10000", "STREAM_THROUGHPUT_TARGET_COUNT", "1000000",
				"PANOPTICON_OTLP_HTTP_PORT", "-1", "PANOPTICON_OTLP_GRPC_PORT", "0", "PANOPTICON_ZIPKIN_PORT", "19411");
		assertThat(LegacyVariables.toProperties(env::get)).containsEntry("panopticon.ingest.bulk.batch-size", "500")
			.containsEntry("panopticon.ingest.bulk.batch-bytes", "5MB")
			.containsEntry("panopticon.ingest.bulk.flush-interval", "1000ms")
			.containsEntry("panopticon.ingest.bulk.max-parallel-flushes", "1")
			.containsEntry("panopticon.ingest.throughput.batch-size", "0")
			.containsEntry("panopticon.ingest.throughput.min-interval", "10000ms")
			.containsEntry("panopticon.ingest.throughput.target-count", "1000000")
			.containsEntry("panopticon.ingest.receiver.otlp-http-port", "-1")
			.containsEntry("panopticon.ingest.receiver.otlp-grpc-port", "0")
			.containsEntry("panopticon.ingest.receiver.zipkin-port", "19411");
	}

	@Test
	void refusesANumberThatIsNone() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LegacyVariables.toProperties(Map.of("BULK_FLUSH_INTERVAL_MS", "1s")::get))
			.withMessage("BULK_FLUSH_INTERVAL_MS must be a whole number, not '1s'");
	}

	@Test
	void mapsRollupVariablesOfAggregatorAndQuery() {
		Map<String, String> env = Map.of("ROLLUP_AGGREGATOR_ENABLED", "false", "ROLLUP_BUCKET_MINUTES", "1",
				"ROLLUP_GRACE_SECONDS", "30", "ROLLUP_REROLL_MINUTES", "10", "ROLLUP_CATCHUP_HOURS", "168",
				"ROLLUP_INTERVAL_SECONDS", "5", "ROLLUP_ENABLED", "false", "ROLLUP_THRESHOLD_MINUTES", "5",
				"ROLLUP_MAX_QUERY_BUCKETS", "43200");
		assertThat(LegacyVariables.toProperties(env::get)).containsEntry("panopticon.aggregator.enabled", "false")
			.containsEntry("panopticon.aggregator.bucket", "1m")
			.containsEntry("panopticon.aggregator.grace", "30s")
			.containsEntry("panopticon.aggregator.reroll-window", "10m")
			.containsEntry("panopticon.aggregator.catch-up-horizon", "168h")
			.containsEntry("panopticon.aggregator.interval", "5s")
			.containsEntry("panopticon.query.rollup-grace", "30s")
			.containsEntry("panopticon.query.rollup-reroll-window", "10m")
			.containsEntry("panopticon.query.rollups-enabled", "false")
			.containsEntry("panopticon.query.rollup-threshold", "5m")
			.containsEntry("panopticon.query.max-range", "43200m");
	}

	@Test
	void metricsCacheVariablesSetTheResultCache() {
		Map<String, String> env = Map.of("METRICS_CACHE_TTL_SECONDS", "30", "METRICS_CACHE_PREFIX", "apm:metrics");
		assertThat(LegacyVariables.toProperties(env::get)).containsEntry("panopticon.query.cache-ttl", "30s")
			.containsEntry("panopticon.query.cache-prefix", "apm:metrics");
	}

	@Test
	void rollupCacheVariablesWinOverMetricsCacheVariables() {
		Map<String, String> env = Map.of("METRICS_CACHE_TTL_SECONDS", "30", "METRICS_CACHE_PREFIX", "apm:metrics",
				"ROLLUP_CACHE_TTL_SECONDS", "300", "ROLLUP_CACHE_PREFIX", "apm:metrics-rollup");
		assertThat(LegacyVariables.toProperties(env::get)).containsEntry("panopticon.query.cache-ttl", "300s")
			.containsEntry("panopticon.query.cache-prefix", "apm:metrics-rollup");
	}

	@Test
	void serviceMetricsProfileLogsThePlanAndRecordsLatencyHistograms() {
		assertThat(LegacyVariables.toProperties(Map.of("SERVICE_METRICS_PROFILE", "true")::get))
			.containsEntry("logging.level.io.panopticon.query.metrics", "DEBUG")
			.containsEntry("management.metrics.distribution.percentiles-histogram.http.server.requests", "true");
		assertThat(LegacyVariables.toProperties(Map.of("SERVICE_METRICS_PROFILE", "false")::get)).isEmpty();
	}

	@Test
	void mapsErrorStreamVariables() {
		Map<String, String> env = Map.of("spring.application.name", "error-stream-service", "ERROR_STREAM_WS_PATH",
				"/ws/errors", "ERROR_STREAM_KAFKA_CLIENT_ID", "c", "ERROR_STREAM_KAFKA_GROUP_ID", "g",
				"ERROR_STREAM_WS_ORIGINS", "https://a.example.com,https://b.example.com", "ERROR_STREAM_PORT", "4010",
				"PANOPTICON_ERROR_STREAM_PORT", "5010");
		assertThat(LegacyVariables.toProperties(env::get))
			.containsEntry("panopticon.error-stream.ws-path", "/ws/errors")
			.containsEntry("panopticon.error-stream.kafka-client-id", "c")
			.containsEntry("panopticon.error-stream.kafka-group-id", "g")
			.containsEntry("panopticon.security.allowed-origins", "https://a.example.com,https://b.example.com")
			.containsEntry("server.port", "4010");
	}

	@Test
	void allowedOriginsPreferTheVariableOfEveryService() {
		Map<String, String> env = Map.of("PANOPTICON_ALLOWED_ORIGINS", "https://app.example.com",
				"ERROR_STREAM_WS_ORIGINS", "https://a.example.com");
		assertThat(LegacyVariables.toProperties(env::get)).containsEntry("panopticon.security.allowed-origins",
				"https://app.example.com");
	}

	@Test
	void portVariablesApplyToTheirServiceOnly() {
		Map<String, String> env = Map.of("spring.application.name", "query-service", "PANOPTICON_QUERY_PORT", "4001",
				"PANOPTICON_INGEST_PORT", "4002", "ERROR_STREAM_PORT", "4010");
		assertThat(LegacyVariables.toProperties(env::get)).containsEntry("server.port", "4001");
		assertThat(LegacyVariables.toProperties(Map.of("PANOPTICON_QUERY_PORT", "4001")::get))
			.doesNotContainKey("server.port");
	}

}
