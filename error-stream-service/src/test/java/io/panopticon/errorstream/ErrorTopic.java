package io.panopticon.errorstream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import io.panopticon.common.telemetry.ErrorLogRecord;
import io.panopticon.common.telemetry.LogEvent;
import io.panopticon.common.telemetry.LogLevel;
import io.panopticon.testing.TestServers;
import io.panopticon.testing.TestTokens;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes error logs to a test's own error topic exactly as ingest-service does: the
 * normalised log event JSON with its document {@code id} first, keyed by service name.
 */
final class ErrorTopic implements AutoCloseable {

	private final String topic;

	private final KafkaProducer<byte[], byte[]> producer;

	private ErrorTopic(String topic) {
		this.topic = topic;
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers(),
						ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 1),
				new ByteArraySerializer(), new ByteArraySerializer());
	}

	/**
	 * Creates the topic and a producer for it.
	 * @param topic the topic name
	 * @param partitions its partitions
	 * @return the producer
	 */
	static ErrorTopic create(String topic, int partitions) {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers()))) {
			admin.createTopics(java.util.List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("could not create " + topic, ex);
		}
		return new ErrorTopic(topic);
	}

	/** A log event of now. */
	static LogEvent event(String service, String environment, LogLevel level, String message) {
		return new LogEvent(ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()), service, environment, level,
				message, null, null, Map.of());
	}

	/** The record value ingest-service publishes for an event with its id. */
	static byte[] value(String id, LogEvent event) {
		return new ErrorLogRecord(id, event).encode();
	}

	/**
	 * Publishes one error log, asynchronously; {@link #flush()} waits.
	 * @return its id
	 */
	String publish(LogEvent event) {
		String id = UUID.randomUUID().toString();
		publish(id, event);
		return id;
	}

	void publish(String id, LogEvent event) {
		this.producer.send(new ProducerRecord<>(this.topic, event.serviceName().getBytes(StandardCharsets.UTF_8),
				value(id, event)));
	}

	void publishRaw(String key, byte[] value) {
		this.producer.send(new ProducerRecord<>(this.topic, key.getBytes(StandardCharsets.UTF_8), value));
	}

	/**
	 * Waits until a service streams this topic. Its consumer starts at the newest record
	 * once it has its partitions: this publishes until a subscriber sees something, so
	 * that what a test publishes next is streamed.
	 * @param port the service's port
	 */
	void awaitStreaming(int port) throws ExecutionException {
		String service = "warm-up-" + UUID.randomUUID();
		try (StompProbe probe = StompProbe.connect(port, TestTokens.token("viewer"))) {
			StompProbe.Received received = probe.subscribe("/topic/error-logs." + service, null);
			long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
			while (received.await(1, Duration.ofMillis(500)).isEmpty()) {
				if (System.nanoTime() - deadline > 0) {
					throw new IllegalStateException("the stream on port " + port + " did not start within 90 s");
				}
				publish(event(service, null, LogLevel.ERROR, "warm-up"));
				flush();
			}
		}
	}

	void flush() {
		this.producer.flush();
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(5));
	}

}
