package io.panopticon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Real Kafka, Elasticsearch, OpenSearch, Redis and PostgreSQL servers for integration
 * tests. Each is started at most once per JVM, on first use, whichever thread asks first,
 * and stopped when the JVM exits. For each server, in this order:
 * <ol>
 * <li>the environment variable {@code PANOPTICON_TEST_KAFKA} ({@code host:port}),
 * {@code PANOPTICON_TEST_ES} (URL), {@code PANOPTICON_TEST_OPENSEARCH} (URL),
 * {@code PANOPTICON_TEST_REDIS} ({@code host:port}) or {@code PANOPTICON_TEST_POSTGRES}
 * (JDBC URL; user and password from {@code PANOPTICON_TEST_POSTGRES_USERNAME} and
 * {@code PANOPTICON_TEST_POSTGRES_PASSWORD}, by default {@code postgres} and none) names
 * a running server;</li>
 * <li>else, when a Docker engine answers (and {@code PANOPTICON_TEST_DOCKER} is not
 * {@code false}), a Testcontainers container ({@code apache/kafka},
 * {@code docker.elastic.co/elasticsearch/elasticsearch} without security,
 * {@code redis:7}, {@code postgres:16}); not for OpenSearch, which always runs from its
 * zip;</li>
 * <li>else a local server: Kafka in this JVM (KRaft, from spring-kafka-test), an
 * Elasticsearch or OpenSearch node from the zip Maven resolved (system property
 * {@code panopticon.test.es.zip} or {@code panopticon.test.opensearch.zip}, unpacked once
 * into {@code ~/.cache/panopticon}), and the machine's own Redis (127.0.0.1:6379) and
 * PostgreSQL (127.0.0.1:5432, user {@code postgres}), in which each JVM gets a fresh
 * database that is dropped at exit.</li>
 * </ol>
 * <p>
 * Servers are shared: all tests of a JVM use the same ones, and servers from the
 * environment may serve several JVMs. Tests therefore use their own Kafka topics and
 * consumer groups, their own Elasticsearch indices, their own Redis key prefix (Redis is
 * never flushed), and their own PostgreSQL tables or clean up after themselves.
 */
public final class TestServers {

	private static final Logger log = LoggerFactory.getLogger(TestServers.class);

	static final String KAFKA_ENV = "PANOPTICON_TEST_KAFKA";

	static final String ELASTICSEARCH_ENV = "PANOPTICON_TEST_ES";

	static final String OPENSEARCH_ENV = "PANOPTICON_TEST_OPENSEARCH";

	static final String REDIS_ENV = "PANOPTICON_TEST_REDIS";

	static final String POSTGRES_ENV = "PANOPTICON_TEST_POSTGRES";

	static final String POSTGRES_USERNAME_ENV = "PANOPTICON_TEST_POSTGRES_USERNAME";

	static final String POSTGRES_PASSWORD_ENV = "PANOPTICON_TEST_POSTGRES_PASSWORD";

	private static final Once<String> kafka = new Once<>("Kafka", TestServers::startKafka);

	private static final Once<String> elasticsearch = new Once<>("Elasticsearch", TestServers::startElasticsearch);

	private static final Once<String> openSearch = new Once<>("OpenSearch", TestServers::startOpenSearch);

	private static final Once<HostAndPort> redis = new Once<>("Redis", TestServers::startRedis);

	private static final Once<PostgresEndpoint> postgres = new Once<>("PostgreSQL", TestServers::startPostgres);

	private TestServers() {
	}

	/**
	 * The shared Kafka broker, starting it if needed.
	 * @return its bootstrap servers, {@code host:port[,host:port...]}
	 */
	public static String kafkaBootstrapServers() {
		return kafka.get();
	}

	/**
	 * The shared Elasticsearch server, starting it if needed.
	 * @return its URL without a trailing slash, for example
	 * {@code http://127.0.0.1:41234}
	 */
	public static String elasticsearchUrl() {
		return elasticsearch.get();
	}

	/**
	 * The shared OpenSearch server, starting it if needed. Nothing starts it unless a
	 * test asks: {@link #registerAll} and {@link RealServers} by default leave it out.
	 * @return its URL without a trailing slash, for example
	 * {@code http://127.0.0.1:41234}
	 */
	public static String openSearchUrl() {
		return openSearch.get();
	}

	/**
	 * The shared Redis server's host, starting or checking it if needed. Use a key prefix
	 * of your own: other tests use the same server.
	 * @return host name or address
	 */
	public static String redisHost() {
		return redis.get().host();
	}

	/**
	 * The shared Redis server's port, starting or checking it if needed.
	 * @return the port
	 */
	public static int redisPort() {
		return redis.get().port();
	}

	/**
	 * The shared PostgreSQL database, starting or creating it if needed.
	 * @return its JDBC URL
	 */
	public static String postgresJdbcUrl() {
		return postgres.get().jdbcUrl();
	}

	/**
	 * The user for {@link #postgresJdbcUrl()}.
	 * @return the user name
	 */
	public static String postgresUsername() {
		return postgres.get().username();
	}

	/**
	 * The password for {@link #postgresJdbcUrl()}.
	 * @return the password, empty when the server trusts local connections
	 */
	public static String postgresPassword() {
		return postgres.get().password();
	}

	/**
	 * Register the Spring Boot properties of Kafka, Elasticsearch, Redis and PostgreSQL
	 * (not OpenSearch, which takes the place of Elasticsearch: see
	 * {@link #registerOpenSearch}). The values are suppliers: a server starts only when
	 * the context reads one of its properties.
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 */
	public static void registerAll(DynamicPropertyRegistry registry) {
		registerKafka(registry);
		registerElasticsearch(registry);
		registerRedis(registry);
		registerPostgres(registry);
	}

	/**
	 * Register {@code spring.kafka.bootstrap-servers}.
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 */
	public static void registerKafka(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", TestServers::kafkaBootstrapServers);
	}

	/**
	 * Register {@code spring.elasticsearch.uris}.
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 */
	public static void registerElasticsearch(DynamicPropertyRegistry registry) {
		registry.add("spring.elasticsearch.uris", TestServers::elasticsearchUrl);
	}

	/**
	 * Register {@code spring.elasticsearch.uris} with the OpenSearch server's URL, for a
	 * context that stores in OpenSearch instead of Elasticsearch.
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 */
	public static void registerOpenSearch(DynamicPropertyRegistry registry) {
		registry.add("spring.elasticsearch.uris", TestServers::openSearchUrl);
	}

	/**
	 * Register {@code spring.data.redis.host} and {@code spring.data.redis.port}.
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 */
	public static void registerRedis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.host", TestServers::redisHost);
		registry.add("spring.data.redis.port", TestServers::redisPort);
	}

	/**
	 * Register {@code spring.datasource.url}, {@code spring.datasource.username} and
	 * {@code spring.datasource.password}.
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 */
	public static void registerPostgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", TestServers::postgresJdbcUrl);
		registry.add("spring.datasource.username", TestServers::postgresUsername);
		registry.add("spring.datasource.password", TestServers::postgresPassword);
	}

	/**
	 * Start a Kafka broker of the caller's own, apart from the shared one: a container
	 * when Docker is available, else one in this JVM. Close it to stop the broker.
	 * @return the running broker
	 */
	public static ThrowawayKafka startThrowawayKafka() {
		ThrowawayKafka broker;
		if (Containers.dockerAvailable()) {
			KafkaContainer container = Containers.kafka();
			broker = new ThrowawayKafka(container.getBootstrapServers(), container);
		}
		else {
			EmbeddedKafka embedded = EmbeddedKafka.start();
			broker = new ThrowawayKafka(embedded.bootstrapServers(), embedded);
		}
		return Cleanup.register("throwaway Kafka at " + broker.bootstrapServers(), broker);
	}

	/**
	 * Start an Elasticsearch node of the caller's own, apart from the shared one, that
	 * can be stopped and started again on the same ports with its data (to see the
	 * services ride out an outage, say). It is always a local process from the server zip
	 * (system property {@code panopticon.test.es.zip}), even when
	 * {@value #ELASTICSEARCH_ENV} or Testcontainers serves the shared node: neither can
	 * be restarted in place. Close it to stop it for good and delete its folder.
	 * @return the running node, at least yellow
	 * @throws IllegalStateException when it does not start (the message carries the end
	 * of its log)
	 */
	public static ThrowawayElasticsearch startThrowawayElasticsearch() {
		try {
			return new ThrowawayElasticsearch(startLocal(SearchDistribution.ELASTICSEARCH));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start a throwaway Elasticsearch node", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting a throwaway Elasticsearch node", ex);
		}
	}

	/**
	 * Start the given servers (those not running yet), concurrently.
	 * @param servers the servers
	 * @throws RuntimeException the first start failure, with the others suppressed
	 */
	static void start(Collection<RealServers.Server> servers) {
		List<CompletableFuture<?>> starts = new ArrayList<>();
		for (RealServers.Server server : new LinkedHashSet<>(servers)) {
			starts.add(CompletableFuture.runAsync(() -> start(server), daemonThreads()));
		}
		RuntimeException failure = null;
		for (CompletableFuture<?> start : starts) {
			try {
				start.join();
			}
			catch (CompletionException ex) {
				RuntimeException cause = (ex.getCause() instanceof RuntimeException runtime) ? runtime : ex;
				if (failure == null) {
					failure = cause;
				}
				else {
					failure.addSuppressed(cause);
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	private static void start(RealServers.Server server) {
		switch (server) {
			case KAFKA -> kafkaBootstrapServers();
			case ELASTICSEARCH -> elasticsearchUrl();
			case OPENSEARCH -> openSearchUrl();
			case REDIS -> redisHost();
			case POSTGRES -> postgresJdbcUrl();
		}
	}

	private static Executor daemonThreads() {
		return (task) -> {
			Thread thread = new Thread(task, "panopticon-test-servers-start");
			thread.setDaemon(true);
			thread.start();
		};
	}

	private static String startKafka() {
		String configured = environment(KAFKA_ENV);
		if (configured != null) {
			log.info("Kafka from {}: {}", KAFKA_ENV, configured);
			return configured;
		}
		if (Containers.dockerAvailable()) {
			KafkaContainer container = Cleanup.register("Kafka container", Containers.kafka());
			log.info("Kafka container at {}", container.getBootstrapServers());
			return container.getBootstrapServers();
		}
		return Cleanup.register("embedded Kafka", EmbeddedKafka.start()).bootstrapServers();
	}

	private static String startElasticsearch() throws Exception {
		String configured = environment(ELASTICSEARCH_ENV);
		if (configured != null) {
			log.info("Elasticsearch from {}: {}", ELASTICSEARCH_ENV, configured);
			return configured.replaceAll("/+$", "");
		}
		if (Containers.dockerAvailable()) {
			ElasticsearchContainer container = Cleanup.register("Elasticsearch container", Containers.elasticsearch());
			log.info("Elasticsearch container at {}", container.getHttpHostAddress());
			return "http://" + container.getHttpHostAddress();
		}
		return startLocal(SearchDistribution.ELASTICSEARCH).url();
	}

	private static String startOpenSearch() throws Exception {
		String configured = environment(OPENSEARCH_ENV);
		if (configured != null) {
			log.info("OpenSearch from {}: {}", OPENSEARCH_ENV, configured);
			return configured.replaceAll("/+$", "");
		}
		// No container even when Docker answers: the zip runs wherever the tests run, and
		// the local node is what CI tests.
		return startLocal(SearchDistribution.OPENSEARCH).url();
	}

	private static SearchNode startLocal(SearchDistribution distribution) throws IOException, InterruptedException {
		return SearchNode.start(distribution, SearchHome.resolve(distribution));
	}

	private static HostAndPort startRedis() {
		String configured = environment(REDIS_ENV);
		if (configured != null) {
			HostAndPort address = HostAndPort.parse(configured);
			LocalServices.checkRedis(address, "check " + REDIS_ENV);
			log.info("Redis from {}: {}", REDIS_ENV, address);
			return address;
		}
		if (Containers.dockerAvailable()) {
			GenericContainer<?> container = Cleanup.register("Redis container", Containers.redis());
			HostAndPort address = new HostAndPort(container.getHost(), container.getMappedPort(6379));
			log.info("Redis container at {}", address);
			return address;
		}
		LocalServices.checkRedis(LocalServices.LOCAL_REDIS,
				"start it (redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save \"\") or set " + REDIS_ENV
						+ "=host:port");
		log.info("Redis of this machine at {}", LocalServices.LOCAL_REDIS);
		return LocalServices.LOCAL_REDIS;
	}

	private static PostgresEndpoint startPostgres() {
		String configured = environment(POSTGRES_ENV);
		if (configured != null) {
			String username = environment(POSTGRES_USERNAME_ENV);
			String password = environment(POSTGRES_PASSWORD_ENV);
			PostgresEndpoint endpoint = new PostgresEndpoint(configured, (username != null) ? username : "postgres",
					(password != null) ? password : "");
			LocalServices.checkPostgres(endpoint,
					"check " + POSTGRES_ENV + ", " + POSTGRES_USERNAME_ENV + " and " + POSTGRES_PASSWORD_ENV);
			log.info("PostgreSQL from {}: {}", POSTGRES_ENV, endpoint);
			return endpoint;
		}
		if (Containers.dockerAvailable()) {
			PostgreSQLContainer container = Cleanup.register("PostgreSQL container", Containers.postgres());
			PostgresEndpoint endpoint = new PostgresEndpoint(container.getJdbcUrl(), container.getUsername(),
					container.getPassword());
			log.info("PostgreSQL container at {}", endpoint);
			return endpoint;
		}
		PostgresDatabase database = PostgresDatabase.create(LocalServices.LOCAL_POSTGRES_SERVER,
				LocalServices.LOCAL_POSTGRES_USER, "",
				"start it (pg_ctlcluster <version> main start) or set " + POSTGRES_ENV + " to a JDBC URL");
		return Cleanup.register("PostgreSQL database", database).endpoint();
	}

	private static String environment(String name) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value.trim() : null;
	}

}
