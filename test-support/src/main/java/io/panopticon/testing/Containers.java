package io.panopticon.testing;

import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The servers as Testcontainers, for machines with a Docker engine. Each method starts a
 * new container; the caller stops it.
 */
final class Containers {

	private static final Logger log = LoggerFactory.getLogger(Containers.class);

	/** Environment variable that, set to {@code false}, keeps the harness off Docker. */
	static final String DOCKER_ENV = "PANOPTICON_TEST_DOCKER";

	/**
	 * System property overriding the Kafka image ({@code apache/kafka:<client version>}).
	 */
	static final String KAFKA_IMAGE_PROPERTY = "panopticon.test.kafka.image";

	/** System property overriding the Elasticsearch image. */
	static final String ELASTICSEARCH_IMAGE_PROPERTY = "panopticon.test.es.image";

	private static Boolean dockerAvailable;

	private Containers() {
	}

	/**
	 * Whether a Docker engine answers (asked once per JVM), unless
	 * {@value #DOCKER_ENV}{@code =false}.
	 * @return whether to use containers
	 */
	static synchronized boolean dockerAvailable() {
		if (dockerAvailable == null) {
			if ("false".equalsIgnoreCase(System.getenv(DOCKER_ENV))) {
				dockerAvailable = false;
			}
			else {
				// Testcontainers logs an ERROR when there is no engine; that is expected
				// here.
				dockerAvailable = DockerClientFactory.instance().isDockerAvailable();
				log.info("Docker engine {}",
						dockerAvailable ? "available: using Testcontainers" : "not available: using local servers");
			}
		}
		return dockerAvailable;
	}

	static KafkaContainer kafka() {
		String image = System.getProperty(KAFKA_IMAGE_PROPERTY, "apache/kafka:" + AppInfoParser.getVersion());
		KafkaContainer container = new KafkaContainer(DockerImageName.parse(image))
			.withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
			.withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
		container.start();
		return container;
	}

	static ElasticsearchContainer elasticsearch() {
		String image = System.getProperty(ELASTICSEARCH_IMAGE_PROPERTY,
				"docker.elastic.co/elasticsearch/elasticsearch:" + SearchDistribution.ELASTICSEARCH.version());
		ElasticsearchContainer container = new ElasticsearchContainer(
				DockerImageName.parse(image).asCompatibleSubstituteFor("docker.elastic.co/elasticsearch/elasticsearch"))
			.withEnv("discovery.type", "single-node")
			.withEnv("xpack.security.enabled", "false")
			.withEnv("cluster.routing.allocation.disk.threshold_enabled", "false")
			.withEnv("action.destructive_requires_name", "false")
			.withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
		container.start();
		return container;
	}

	static GenericContainer<?> redis() {
		GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse("redis:7")).withExposedPorts(6379);
		container.start();
		return container;
	}

	static PostgreSQLContainer postgres() {
		PostgreSQLContainer container = new PostgreSQLContainer(DockerImageName.parse("postgres:16"));
		container.start();
		return container;
	}

}
