package io.panopticon.ingest.receiver;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.BeforeAll;

import io.panopticon.common.storage.Topics;
import io.panopticon.ingest.receiver.otlp.OtlpGrpcServer;
import io.panopticon.testing.RealServers;
import io.panopticon.testing.TestServers;
import io.panopticon.testing.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ingest-service context the receiver integration tests share (one context, cached
 * across the classes): real Kafka and Elasticsearch, topics of its own, the receivers'
 * extra listeners on free ports. What the receivers publish is indexed by the service's
 * own pipeline, so the tests look for it in Elasticsearch.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "panopticon.ingest.receiver.otlp-http-port=0", "panopticon.ingest.receiver.otlp-grpc-port=0",
				"panopticon.ingest.receiver.zipkin-port=0" })
@RealServers({ RealServers.Server.KAFKA, RealServers.Server.ELASTICSEARCH })
abstract class ReceiverServers {

	static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	static final String SPANS = "it.receiver.spans." + RUN;

	static final String LOGS = "it.receiver.logs." + RUN;

	static final String ERRORS = "it.receiver.errors." + RUN;

	@LocalServerPort
	protected int port;

	@Autowired
	protected ReceiverConnectors connectors;

	@Autowired
	protected OtlpGrpcServer grpc;

	protected static ElasticsearchTraces elasticsearch;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerKafka(registry);
		TestServers.registerElasticsearch(registry);
		registry.add("panopticon.jwt.public-key", TestTokens::publicKeyPem);
		registry.add("panopticon.topics.spans", () -> SPANS);
		registry.add("panopticon.topics.logs", () -> LOGS);
		registry.add("panopticon.topics.logs-error", () -> ERRORS);
	}

	@BeforeAll
	static void topicsAndElasticsearch() {
		createTopics(TestServers.kafkaBootstrapServers(), 3, SPANS, LOGS, ERRORS, Topics.deadLetterOf(SPANS),
				Topics.deadLetterOf(LOGS));
		elasticsearch = new ElasticsearchTraces(TestServers.elasticsearchUrl());
	}

	/** Creates topics (replication 1); ones that exist already are left as they are. */
	static void createTopics(String bootstrap, int partitions, String... topics) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
			for (String topic : topics) {
				try {
					admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof TopicExistsException)) {
						throw new IllegalStateException("could not create " + topic, ex);
					}
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The service port's base URL. */
	protected String service() {
		return "http://127.0.0.1:" + this.port;
	}

	/** The OTLP/HTTP port's base URL. */
	protected String otlpPort() {
		return "http://127.0.0.1:" + this.connectors.otlpHttpPort();
	}

	/** The Zipkin port's base URL. */
	protected String zipkinPort() {
		return "http://127.0.0.1:" + this.connectors.zipkinPort();
	}

}
