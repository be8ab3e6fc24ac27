package io.panopticon.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.panopticon.testing.EsProbe;
import io.panopticon.testing.KafkaTopics;
import io.panopticon.testing.ServiceProcess;
import io.panopticon.testing.TestServers;
import io.panopticon.testing.TestTokens;

/**
 * Puts spans and log events into Elasticsearch the way production does: produced to Kafka
 * in the Kafka JSON format, indexed by ingest-service running from its jar as a JVM of
 * its own. So the searches under test read documents exactly as ingest-service writes
 * them, mapped by its index templates.
 * <p>
 * Its OTLP/HTTP receiver listens on a free port of its own ({@link #otlpHttpUrl()}), for
 * tests that send as instrumented applications do; the gRPC and Zipkin receivers are off,
 * so that no run holds their standard ports.
 */
final class IngestedTelemetry implements AutoCloseable {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final String spansTopic;

	private final String logsTopic;

	private final ServiceProcess ingest;

	private final int otlpHttpPort;

	private final KafkaProducer<String, String> producer;

	private final EsProbe elasticsearch = EsProbe.ofTestServer();

	private IngestedTelemetry(String spansTopic, String logsTopic, ServiceProcess ingest, int otlpHttpPort,
			KafkaProducer<String, String> producer) {
		this.spansTopic = spansTopic;
		this.logsTopic = logsTopic;
		this.ingest = ingest;
		this.otlpHttpPort = otlpHttpPort;
		this.producer = producer;
	}

	/**
	 * Creates topics of this run and starts ingest-service on them.
	 * @param run a name unique to the test run
	 * @return the running pipeline
	 */
	static IngestedTelemetry start(String run) {
		String spans = "it.query.spans." + run;
		String logs = "it.query.logs." + run;
		String errors = "it.query.errors." + run;
		createTopics(spans, logs, errors, spans + ".dlq", logs + ".dlq");
		int otlpHttpPort = freePort();
		ServiceProcess ingest = ServiceProcess.builder(ServiceProcess.moduleJar("ingest-service"))
			.property("spring.kafka.bootstrap-servers", TestServers.kafkaBootstrapServers())
			.property("spring.elasticsearch.uris", TestServers.elasticsearchUrl())
			.property("panopticon.jwt.public-key", TestTokens.publicKeyPem())
			.property("panopticon.topics.spans", spans)
			.property("panopticon.topics.logs", logs)
			.property("panopticon.topics.logs-error", errors)
			.property("spring.kafka.consumer.group-id", "it-query-" + run)
			.property("panopticon.ingest.index.refresh-interval", "1s")
			.property("panopticon.ingest.receiver.otlp-http-port", Integer.toString(otlpHttpPort))
			.property("panopticon.ingest.receiver.otlp-grpc-port", "-1")
			.property("panopticon.ingest.receiver.zipkin-port", "-1")
			.logFile(Path.of("target", "ingest-" + run + ".log"))
			.start();
		ingest.awaitHealthy(Duration.ofMinutes(3));
		KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers(),
						ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
				new StringSerializer(), new StringSerializer());
		return new IngestedTelemetry(spans, logs, ingest, otlpHttpPort, producer);
	}

	/**
	 * The base URL of ingest-service's OTLP/HTTP receiver port, which serves
	 * {@code /v1/traces} and {@code /v1/logs}.
	 * @return for example {@code http://127.0.0.1:43187}
	 */
	String otlpHttpUrl() {
		return "http://127.0.0.1:" + this.otlpHttpPort;
	}

	/**
	 * The file ingest-service logs to, named in failure messages.
	 * @return the log file
	 */
	Path logFile() {
		return this.ingest.logFile();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("no free port for the OTLP receiver", ex);
		}
	}

	private static void createTopics(String... topics) {
		KafkaTopics.create(1, topics);
	}

	/**
	 * Produces the spans of one trace as one record, keyed by trace id as producers do.
	 * @param spans the spans, Kafka JSON
	 */
	void sendSpans(List<ObjectNode> spans) {
		ArrayNode array = JSON.createArrayNode();
		spans.forEach(array::add);
		send(this.spansTopic, spans.get(0).path("traceId").asString(), array.toString());
	}

	/**
	 * Produces log events as one record.
	 * @param logs the events, Kafka JSON
	 */
	void sendLogs(List<ObjectNode> logs) {
		ArrayNode array = JSON.createArrayNode();
		logs.forEach(array::add);
		send(this.logsTopic, logs.get(0).path("serviceName").asString(), array.toString());
	}

	private void send(String topic, String key, String value) {
		try {
			this.producer.send(new ProducerRecord<>(topic, key, value)).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Waits until Elasticsearch holds (and shows to searches) the documents of an index
	 * pattern that match a query.
	 * @param indexPattern such as {@code traces-apm-*}
	 * @param query a {@code query_string} query
	 * @param expected how many
	 * @param timeout how long to wait
	 * @return the last count
	 */
	long awaitCount(String indexPattern, String query, long expected, Duration timeout) {
		return this.elasticsearch.awaitCount(indexPattern, query, (count) -> count >= expected, timeout);
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(5));
		this.ingest.close();
	}

}
