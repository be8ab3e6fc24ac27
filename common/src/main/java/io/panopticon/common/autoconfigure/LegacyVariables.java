package io.panopticon.common.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Translates the environment variables of Panopticon's original design into the Spring
 * Boot and {@code panopticon.*} properties that carry the same meaning, so deployments
 * written for the original services keep working. Pure function of its input; see
 * {@link LegacyEnvironmentPostProcessor} for where the result goes.
 *
 * <table>
 * <tr>
 * <th>variable</th>
 * <th>properties</th>
 * </tr>
 * <tr>
 * <td>KAFKA_BROKERS (or KAFKA_BROKERS_LOCAL)</td>
 * <td>spring.kafka.bootstrap-servers</td>
 * </tr>
 * <tr>
 * <td>KAFKA_SSL, KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD</td>
 * <td>spring.kafka.security.protocol, spring.kafka.properties.sasl.*</td>
 * </tr>
 * <tr>
 * <td>ELASTICSEARCH_NODE</td>
 * <td>spring.elasticsearch.uris</td>
 * </tr>
 * <tr>
 * <td>OPENSEARCH_USERNAME, OPENSEARCH_PASSWORD</td>
 * <td>spring.elasticsearch.username, spring.elasticsearch.password</td>
 * </tr>
 * <tr>
 * <td>REDIS_HOST (host or host:port)</td>
 * <td>spring.data.redis.host, spring.data.redis.port</td>
 * </tr>
 * <tr>
 * <td>KAFKA_APM_SPAN_TOPIC, KAFKA_APM_LOG_TOPIC, KAFKA_APM_LOG_ERROR_TOPIC</td>
 * <td>panopticon.topics.spans, .logs, .logs-error</td>
 * </tr>
 * <tr>
 * <td>PANOPTICON_ALLOWED_ORIGINS (or ERROR_STREAM_WS_ORIGINS)</td>
 * <td>panopticon.security.allowed-origins</td>
 * </tr>
 * </table>
 */
final class LegacyVariables {

	private LegacyVariables() {
	}

	/**
	 * @param variables looks a variable up; answers null when it is not set
	 * @return the properties the set variables stand for
	 * @throws IllegalArgumentException if a variable has a value that means nothing
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
		return properties;
	}

	private static void kafkaSecurity(Function<String, String> variables, Map<String, Object> properties) {
		boolean ssl = Boolean.parseBoolean(blankToNull(variables.apply("KAFKA_SSL")));
		String mechanism = saslMechanism(blankToNull(variables.apply("KAFKA_SASL_MECHANISM")));
		if (mechanism == null) {
			if (ssl) {
				properties.put("spring.kafka.security.protocol", "SSL");
			}
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

	/** PLAIN, SCRAM (meaning SCRAM-SHA-512), SCRAM-SHA-256 or SCRAM-SHA-512, any case. */
	private static String saslMechanism(String value) {
		if (value == null) {
			return null;
		}
		String upper = value.toUpperCase(Locale.ROOT).replace('_', '-');
		return switch (upper) {
			case "PLAIN" -> "PLAIN";
			case "SCRAM", "SCRAM-SHA-512" -> "SCRAM-SHA-512";
			case "SCRAM-SHA-256" -> "SCRAM-SHA-256";
			default -> throw new IllegalArgumentException(
					"KAFKA_SASL_MECHANISM must be PLAIN, SCRAM, SCRAM-SHA-256 or SCRAM-SHA-512, not '" + value + "'");
		};
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
