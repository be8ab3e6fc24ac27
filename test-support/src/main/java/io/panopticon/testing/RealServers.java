package io.panopticon.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts the real servers a test class needs before its first test (each at most once per
 * JVM, see {@link TestServers}). Pair it with {@code @DynamicPropertySource} and
 * {@link TestServers#registerAll} (or the narrower {@code register...} methods) to hand
 * the endpoints to a Spring context: <pre class="code">
 * &#64;SpringBootTest
 * &#64;RealServers({ Server.KAFKA, Server.ELASTICSEARCH })
 * class IngestFlowIT {
 *
 *     &#64;DynamicPropertySource
 *     static void servers(DynamicPropertyRegistry registry) {
 *         TestServers.registerKafka(registry);
 *         TestServers.registerElasticsearch(registry);
 *     }
 *
 * }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RealServersExtension.class)
public @interface RealServers {

	/**
	 * The servers to start; all but OpenSearch unless given.
	 * @return the servers
	 */
	Server[] value() default { Server.KAFKA, Server.ELASTICSEARCH, Server.REDIS, Server.POSTGRES };

	/**
	 * A server the harness provides.
	 */
	enum Server {

		/** Kafka; see {@link TestServers#kafkaBootstrapServers()}. */
		KAFKA,

		/** Elasticsearch; see {@link TestServers#elasticsearchUrl()}. */
		ELASTICSEARCH,

		/**
		 * OpenSearch; see {@link TestServers#openSearchUrl()}. Not among the defaults:
		 * name it to have it.
		 */
		OPENSEARCH,

		/** Redis; see {@link TestServers#redisHost()}. */
		REDIS,

		/** PostgreSQL; see {@link TestServers#postgresJdbcUrl()}. */
		POSTGRES

	}

}
