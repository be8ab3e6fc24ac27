package io.panopticon.common.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Translates the environment variables of Panopticon's original design, and the port
 * variables of the local stack, into the Spring Boot and {@code panopticon.*} properties
 * that carry the same meaning, so deployments written for the original services keep
 * working. This is the only place a variable name is mapped: {@code application.yml}
 * files hold no {@code ${VARIABLE:default}} placeholders, and the defaults are those of
 * the settings records. Pure function of its input; see
 * {@link LegacyEnvironmentPostProcessor} for where the result goes. README's
 * "Configuration" table lists every variable with its meaning.
 * <p>
 * Properties of one service only (its {@code panopticon.<service>.*} settings) are set
 * whatever the service; {@code server.port}, which every service has, is set only from
 * the variable of the service {@code spring.application.name} names, so one environment
 * can hold the port variables of all services.
 */
final class LegacyVariables {

	/** The variables that set {@code server.port}, by service; the first set wins. */
	private static final Map<String, List<String>> PORTS = Map.of("query-service", List.of("PANOPTICON_QUERY_PORT"),
			"ingest-service", List.of("PANOPTICON_INGEST_PORT"), "aggregator-service",
			List.of("PANOPTICON_AGGREGATOR_PORT"), "alert-service", List.of("PANOPTICON_ALERT_PORT"),
			"error-stream-service", List.of("ERROR_STREAM_PORT", "PANOPTICON_ERROR_STREAM_PORT"));

	private static final String MSK_IAM = "AWS_MSK_IAM";

	private LegacyVariables() {
	}

	/**
	 * @param variables looks a variable (or a property, such as
	 * {@code spring.application.name}) up; answers null when it is not set
	 * @return the properties the set variables stand for
	 * @throws IllegalArgumentException if a variable has a value that means nothing; the
	 * message names the variable
	 */
	static Map<String, Object> toProperties(Function<String, String> variables) {
		Map<String, Object> properties = new LinkedHashMap<>();
		String brokers = first(variables, "KAFKA_BROKERS", "KAFKA_BROKERS_LOCAL");
		if (brokers != null) {
			properties.put("spring.kafka.bootstrap-servers", brokers);
		}
		kafkaSecurity(variables, properties);
		put(properties, "spring.elasticsearch.uris", variables.apply("ELASTICSEARCH_NODE"));
		put(properties, "spring.elasticsearch.username", variables.apply("OPENSEARCH_USERNAME"));
		put(properties, "spring.elasticsearch.password", variables.apply("OPENSEARCH_PASSWORD"));
		putBoolean(properties, "panopticon.elasticsearch.verify-certificates", variables,
				"OPENSEARCH_REJECT_UNAUTHORIZED");
		putBoolean(properties, "panopticon.storage.use-ism", variables, "USE_ISM");
		String redis = blankToNull(variables.apply("REDIS_HOST"));
		if (redis != null) {
			int colon = redis.lastIndexOf(':');
			if (colon > 0 && redis.indexOf(':') == colon) {
				properties.put("spring.data.redis.host", redis.substring(0, colon));
				properties.put("spring.data.redis.port", redis.substring(colon + 1));
			}
			else {
				properties.put("spring.data.redis.host", redis);
			}
		}
		put(properties, "panopticon.topics.spans", variables.apply("KAFKA_APM_SPAN_TOPIC"));
		put(properties, "panopticon.topics.logs", variables.apply("KAFKA_APM_LOG_TOPIC"));
		put(properties, "panopticon.topics.logs-error", variables.apply("KAFKA_APM_LOG_ERROR_TOPIC"));
		put(properties, "panopticon.security.allowed-origins",
				first(variables, "PANOPTICON_ALLOWED_ORIGINS", "ERROR_STREAM_WS_ORIGINS"));
		// Signs query-service's paging cursors; one key for all replicas.
		put(properties, "panopticon.query.cursor.key", variables.apply("PANOPTICON_CURSOR_KEY"));
		ingest(variables, properties);
		rollups(variables, properties);
		errorStream(variables, properties);
		String service = blankToNull(variables.apply("spring.application.name"));
		if (service != null) {
			put(properties, "server.port",
					first(variables, PORTS.getOrDefault(service, List.of()).toArray(String[]::new)));
		}
		return properties;
	}

	private static void ingest(Function<String, String> variables, Map<String, Object> properties) {
		putNumber(properties, "panopticon.ingest.bulk.batch-size", variables, "BULK_BATCH_SIZE", "");
		putNumber(properties, "panopticon.ingest.bulk.batch-bytes", variables, "BULK_BATCH_BYTES_MB", "MB");
		putNumber(properties, "panopticon.ingest.bulk.flush-interval", variables, "BULK_FLUSH_INTERVAL_MS", "ms");
		putNumber(properties, "panopticon.ingest.bulk.max-parallel-flushes", variables, "BULK_MAX_PARALLEL_FLUSHES",
				"");
		putNumber(properties, "panopticon.ingest.throughput.batch-size", variables, "STREAM_THROUGHPUT_BATCH_SIZE", "");
		putNumber(properties, "panopticon.ingest.throughput.min-interval", variables,
				"STREAM_THROUGHPUT_MIN_INTERVAL_MS", "ms");
		putNumber(properties, "panopticon.ingest.throughput.target-count", variables, "STREAM_THROUGHPUT_TARGET_COUNT",
				"");
		putNumber(properties, "panopticon.ingest.receiver.otlp-http-port", variables, "PANOPTICON_OTLP_HTTP_PORT", "");
		putNumber(properties, "panopticon.ingest.receiver.otlp-grpc-port", variables, "PANOPTICON_OTLP_GRPC_PORT", "");
		putNumber(properties, "panopticon.ingest.receiver.zipkin-port", variables, "PANOPTICON_ZIPKIN_PORT", "");
	}

	/** The rollup settings of the aggregator and of the query API that reads rollups. */
	private static void rollups(Function<String, String> variables, Map<String, Object> properties) {
		putBoolean(properties, "panopticon.aggregator.enabled", variables, "ROLLUP_AGGREGATOR_ENABLED");
		putNumber(properties, "panopticon.aggregator.bucket", variables, "ROLLUP_BUCKET_MINUTES", "m");
		putNumber(properties, "panopticon.aggregator.grace", variables, "ROLLUP_GRACE_SECONDS", "s");
		putNumber(properties, "panopticon.aggregator.reroll-window", variables, "ROLLUP_REROLL_MINUTES", "m");
		putNumber(properties, "panopticon.aggregator.catch-up-horizon", variables, "ROLLUP_CATCHUP_HOURS", "h");
		putNumber(properties, "panopticon.aggregator.interval", variables, "ROLLUP_INTERVAL_SECONDS", "s");
		// The query API must know the aggregator's timing to tell which rollups are
		// final.
		putNumber(properties, "panopticon.query.rollup-grace", variables, "ROLLUP_GRACE_SECONDS", "s");
		putNumber(properties, "panopticon.query.rollup-reroll-window", variables, "ROLLUP_REROLL_MINUTES", "m");
		putBoolean(properties, "panopticon.query.rollups-enabled", variables, "ROLLUP_ENABLED");
		putNumber(properties, "panopticon.query.rollup-threshold", variables, "ROLLUP_THRESHOLD_MINUTES", "m");
		putNumber(properties, "panopticon.query.max-range", variables, "ROLLUP_MAX_QUERY_BUCKETS", "m");
		// The original kept raw results and rollup results in two caches. Only results of
		// closed ranges are cached now, and those are read from rollups: the rollup
		// cache's variables win when both are set.
		putNumber(properties, "panopticon.query.cache-ttl", variables,
				(blankToNull(variables.apply("ROLLUP_CACHE_TTL_SECONDS")) != null) ? "ROLLUP_CACHE_TTL_SECONDS"
						: "METRICS_CACHE_TTL_SECONDS",
				"s");
		put(properties, "panopticon.query.cache-prefix",
				first(variables, "ROLLUP_CACHE_PREFIX", "METRICS_CACHE_PREFIX"));
		if (flag(variables, "SERVICE_METRICS_PROFILE")) {
			// How each metrics answer was planned and split, at DEBUG; the time every
			// request took is always in http.server.requests, as a histogram with this.
			properties.put("logging.level.io.panopticon.query.metrics", "DEBUG");
			properties.put("management.metrics.distribution.percentiles-histogram.http.server.requests", "true");
		}
	}

	private static void errorStream(Function<String, String> variables, Map<String, Object> properties) {
		put(properties, "panopticon.error-stream.ws-path", variables.apply("ERROR_STREAM_WS_PATH"));
		put(properties, "panopticon.error-stream.kafka-client-id", variables.apply("ERROR_STREAM_KAFKA_CLIENT_ID"));
		put(properties, "panopticon.error-stream.kafka-group-id", variables.apply("ERROR_STREAM_KAFKA_GROUP_ID"));
	}

	private static void kafkaSecurity(Function<String, String> variables, Map<String, Object> properties) {
		boolean ssl = flag(variables, "KAFKA_SSL");
		String region = blankToNull(variables.apply("KAFKA_AWS_REGION"));
		String mechanism = saslMechanism(blankToNull(variables.apply("KAFKA_SASL_MECHANISM")));
		if (mechanism == null && region != null && blankToNull(variables.apply("KAFKA_SASL_USERNAME")) == null) {
			// The original signed in to MSK with IAM whenever it was given a region and
			// no
			// user.
			mechanism = MSK_IAM;
		}
		if (mechanism == null) {
			if (ssl) {
				properties.put("spring.kafka.security.protocol", "SSL");
			}
			return;
		}
		if (mechanism.equals(MSK_IAM)) {
			mskIam(region, properties);
			return;
		}
		properties.put("spring.kafka.security.protocol", ssl ? "SASL_SSL" : "SASL_PLAINTEXT");
		properties.put("spring.kafka.properties.sasl.mechanism", mechanism);
		String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
				: "org.apache.kafka.common.security.scram.ScramLoginModule";
		String username = orEmpty(variables.apply("KAFKA_SASL_USERNAME"));
		String password = orEmpty(variables.apply("KAFKA_SASL_PASSWORD"));
		properties.put("spring.kafka.properties.sasl.jaas.config",
				module + " required username=\"" + escape(username) + "\" password=\"" + escape(password) + "\";");
	}

	/**
	 * Amazon MSK's IAM sign-in, as its client library documents it. MSK takes IAM over
	 * TLS only. The request signature's region is the one in the broker host names;
	 * {@code KAFKA_AWS_REGION} names the region of the STS endpoint the credentials come
	 * from. The library ({@code software.amazon.msk:aws-msk-iam-auth}) is not part of the
	 * service jars: a deployment that uses IAM adds it to the class path.
	 */
	private static void mskIam(String region, Map<String, Object> properties) {
		properties.put("spring.kafka.security.protocol", "SASL_SSL");
		properties.put("spring.kafka.properties.sasl.mechanism", MSK_IAM);
		properties.put("spring.kafka.properties.sasl.jaas.config",
				"software.amazon.msk.auth.iam.IAMLoginModule required"
						+ ((region != null) ? " awsStsRegion=\"" + escape(region) + "\";" : ";"));
		properties.put("spring.kafka.properties.sasl.client.callback.handler.class",
				"software.amazon.msk.auth.iam.IAMClientCallbackHandler");
	}

	/**
	 * PLAIN, SCRAM (meaning SCRAM-SHA-512), SCRAM-SHA-256, SCRAM-SHA-512 or AWS_MSK_IAM
	 * (also AWS or IAM), any case.
	 */
	private static String saslMechanism(String value) {
		if (value == null) {
			return null;
		}
		String upper = value.toUpperCase(Locale.ROOT).replace('_', '-');
		return switch (upper) {
			case "PLAIN" -> "PLAIN";
			case "SCRAM", "SCRAM-SHA-512" -> "SCRAM-SHA-512";
			case "SCRAM-SHA-256" -> "SCRAM-SHA-256";
			case "AWS-MSK-IAM", "AWS", "IAM" -> MSK_IAM;
			default -> throw new IllegalArgumentException("KAFKA_SASL_MECHANISM must be PLAIN, SCRAM, SCRAM-SHA-256, "
					+ "SCRAM-SHA-512 or AWS_MSK_IAM, not '" + value + "'");
		};
	}

	private static boolean flag(Function<String, String> variables, String name) {
		String value = blankToNull(variables.apply(name));
		return value != null && Boolean.parseBoolean(value);
	}

	/** A {@code true} or {@code false} variable; anything else is refused. */
	private static void putBoolean(Map<String, Object> properties, String name, Function<String, String> variables,
			String variable) {
		String value = blankToNull(variables.apply(variable));
		if (value == null) {
			return;
		}
		if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
			throw new IllegalArgumentException(variable + " must be true or false, not '" + value + "'");
		}
		properties.put(name, value.toLowerCase(Locale.ROOT));
	}

	/**
	 * A whole-number variable, with the unit the original gave it appended (such as
	 * {@code ms}); anything else is refused. Whether the number is in range is for the
	 * setting to say.
	 */
	private static void putNumber(Map<String, Object> properties, String name, Function<String, String> variables,
			String variable, String unit) {
		String value = blankToNull(variables.apply(variable));
		if (value == null) {
			return;
		}
		if (!value.matches("[-+]?\\d{1,18}")) {
			throw new IllegalArgumentException(variable + " must be a whole number, not '" + value + "'");
		}
		properties.put(name, value + unit);
	}

	private static String first(Function<String, String> variables, String... names) {
		for (String name : names) {
			String value = blankToNull(variables.apply(name));
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	private static void put(Map<String, Object> properties, String name, String value) {
		if (blankToNull(value) != null) {
			properties.put(name, value.trim());
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	private static String orEmpty(String value) {
		return (value != null) ? value : "";
	}

	private static String escape(String value) {
		return value.replace("\\", "\\\\").replace("\"", "\\\"");
	}

}
