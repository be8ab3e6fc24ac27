package io.panopticon.ingest.pipeline;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.panopticon.testing.ServiceProcess;
import io.panopticon.testing.KafkaTopics;
import io.panopticon.testing.TestServers;
import io.panopticon.testing.TestTokens;

/** Produces and reads raw records, as an outside producer or consumer would. */
final class KafkaProbe implements AutoCloseable {

	private final String bootstrap;

	private final KafkaProducer<byte[], byte[]> producer;

	KafkaProbe(String bootstrap) {
		this.bootstrap = bootstrap;
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5), new ByteArraySerializer(),
				new ByteArraySerializer());
	}

	/**
	 * Creates topics (replication 1) before anything is produced to them.
	 * @param partitions partitions of every topic
	 * @param topics the topic names
	 */
	static void createTopics(int partitions, String... topics) {
		KafkaTopics.create(partitions, topics);
	}

	/**
	 * ingest-service as its own JVM from its jar, wired to the test Kafka and the given
	 * Elasticsearch, reading spans from {@code spansTopic} in consumer group
	 * {@code group}.
	 * @param elasticsearchUrl the Elasticsearch it indexes into
	 * @param spansTopic the span topic
	 * @param group the consumer group
	 * @param logName the log file's name under {@code target/}
	 * @return the builder, for further properties
	 */
	static ServiceProcess.Builder ingestProcess(String elasticsearchUrl, String spansTopic, String group,
			String logName) {
		return ServiceProcess.builder(ServiceProcess.moduleJar("ingest-service"))
			.property("spring.kafka.bootstrap-servers", TestServers.kafkaBootstrapServers())
			.property("spring.elasticsearch.uris", elasticsearchUrl)
			.property("panopticon.jwt.public-key", TestTokens.publicKeyPem())
			.property("panopticon.topics.spans", spansTopic)
			.property("spring.kafka.consumer.group-id", group)
			// Free ports for the receivers: a local stack may hold the standard ones.
			.property("panopticon.ingest.receiver.otlp-http-port", "0")
			.property("panopticon.ingest.receiver.otlp-grpc-port", "0")
			.property("panopticon.ingest.receiver.zipkin-port", "0")
			.logFile(Path.of("target", logName));
	}

	void send(String topic, String key, String value) {
		send(topic, key, value.getBytes(StandardCharsets.UTF_8));
	}

	void send(String topic, String key, byte[] value) {
		try {
			this.producer
				.send(new ProducerRecord<>(topic, (key != null) ? key.getBytes(StandardCharsets.UTF_8) : null, value))
				.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
	}

	void send(ProducerRecord<byte[], byte[]> record) {
		try {
			this.producer.send(record).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
	}

	void sendAsync(String topic, String key, byte[] value) {
		this.producer
			.send(new ProducerRecord<>(topic, (key != null) ? key.getBytes(StandardCharsets.UTF_8) : null, value));
	}

	void flush() {
		this.producer.flush();
	}

	/**
	 * Reads a topic from the beginning until {@code expected} records arrived or the time
	 * is up.
	 */
	List<ConsumerRecord<byte[], byte[]>> read(String topic, int expected, Duration timeout) {
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrap, ConsumerConfig.GROUP_ID_CONFIG,
						"probe-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(topic));
			Instant deadline = Instant.now().plus(timeout);
			while (records.size() < expected && Instant.now().isBefore(deadline)) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
			// A short extra poll shows records beyond the expected count, if any.
			consumer.poll(Duration.ofMillis(500)).forEach(records::add);
		}
		return records;
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(5));
	}

}
