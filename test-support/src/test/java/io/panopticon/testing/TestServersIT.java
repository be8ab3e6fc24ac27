package io.panopticon.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

@RealServers
class TestServersIT {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void elasticsearchClusterIsGreenOrYellow() throws Exception {
		HttpResponse<String> health = send("GET", "/_cluster/health", null);

		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).containsAnyOf("\"status\":\"green\"", "\"status\":\"yellow\"");
	}

	@Test
	void elasticsearchIndexesAndFindsADocument() throws Exception {
		String index = "it-test-servers-" + UUID.randomUUID();

		assertThat(send("PUT", "/" + index + "/_doc/1?refresh=true", "{\"message\":\"hello panopticon\"}").statusCode())
			.isEqualTo(201);
		HttpResponse<String> search = send("POST", "/" + index + "/_search",
				"{\"query\":{\"match\":{\"message\":\"panopticon\"}}}");

		assertThat(search.statusCode()).isEqualTo(200);
		assertThat(search.body()).contains("\"total\":{\"value\":1,").contains("hello panopticon");
		assertThat(send("DELETE", "/" + index, null).statusCode()).isEqualTo(200);
	}

	@Test
	void kafkaDeliversAProducedRecordToAConsumer() throws Exception {
		String topic = "it-test-servers-" + UUID.randomUUID();
		Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				TestServers.kafkaBootstrapServers(), ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
			producer.send(new ProducerRecord<>(topic, "trace-1", "{\"spanId\":\"00f067aa0ba902b7\"}")).get();
		}
		Map<String, Object> consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				TestServers.kafkaBootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, topic,
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		List<ConsumerRecord<String, String>> received = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (received.isEmpty() && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(500)).forEach(received::add);
			}
		}

		assertThat(received).singleElement().satisfies((record) -> {
			assertThat(record.key()).isEqualTo("trace-1");
			assertThat(record.value()).isEqualTo("{\"spanId\":\"00f067aa0ba902b7\"}");
		});
	}

	@Test
	void redisAnswersPing() throws Exception {
		assertThat(LocalServices.ping(new HostAndPort(TestServers.redisHost(), TestServers.redisPort())))
			.isEqualTo("+PONG");
	}

	@Test
	void postgresRunsQueriesInTheHandedOutDatabase() throws Exception {
		try (Connection connection = DriverManager.getConnection(TestServers.postgresJdbcUrl(),
				TestServers.postgresUsername(), TestServers.postgresPassword());
				Statement statement = connection.createStatement()) {
			try (ResultSet one = statement.executeQuery("select 1")) {
				assertThat(one.next()).isTrue();
				assertThat(one.getInt(1)).isEqualTo(1);
			}
			try (ResultSet database = statement.executeQuery("select current_database()")) {
				assertThat(database.next()).isTrue();
				assertThat(TestServers.postgresJdbcUrl()).endsWith("/" + database.getString(1));
			}
			statement.execute("create table it_test_servers (id int primary key)");
			statement.execute("drop table it_test_servers");
		}
	}

	@Test
	void everyServerIsStartedOnceForConcurrentCallers() throws Exception {
		List<Callable<List<Object>>> calls = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			calls.add(TestServersIT::endpoints);
		}
		List<Object> first = endpoints();
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			for (Future<List<Object>> endpoints : executor.invokeAll(calls)) {
				assertThat(endpoints.get()).isEqualTo(first);
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void throwawayKafkaIsSeparateAndGoneOnceClosed() throws Exception {
		ThrowawayKafka kafka = TestServers.startThrowawayKafka();
		HostAndPort address = HostAndPort.parse(kafka.bootstrapServers().split(",")[0]);
		try {
			assertThat(kafka.bootstrapServers()).isNotEqualTo(TestServers.kafkaBootstrapServers());
			try (Socket socket = connect(address)) {
				assertThat(socket.isConnected()).isTrue();
			}
		}
		finally {
			kafka.close();
		}

		assertThat(kafka.isClosed()).isTrue();
		assertThatIOException().isThrownBy(() -> connect(address).close());
	}

	private static List<Object> endpoints() {
		return List.of(TestServers.kafkaBootstrapServers(), TestServers.elasticsearchUrl(), TestServers.redisHost(),
				TestServers.redisPort(), TestServers.postgresJdbcUrl(), TestServers.postgresUsername());
	}

	private static Socket connect(HostAndPort address) throws IOException {
		Socket socket = new Socket();
		try {
			socket.connect(new InetSocketAddress(address.host(), address.port()), 2000);
			return socket;
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
	}

	private HttpResponse<String> send(String method, String path, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TestServers.elasticsearchUrl() + path))
			.timeout(Duration.ofSeconds(30))
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
