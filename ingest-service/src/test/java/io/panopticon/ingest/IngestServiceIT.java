package io.panopticon.ingest;

import io.panopticon.testing.ApiDescriptionChecks;
import io.panopticon.testing.RealServers;
import io.panopticon.testing.ServiceClient;
import io.panopticon.testing.ServiceClient.Response;
import io.panopticon.testing.TestServers;
import io.panopticon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ingest-service starts against real Kafka and Elasticsearch and reports both healthy.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "BULK_BATCH_SIZE=250", "KAFKA_APM_SPAN_TOPIC=custom.spans",
				// Free ports for the receivers: a local stack may hold the standard ones.
				"panopticon.ingest.receiver.otlp-http-port=0", "panopticon.ingest.receiver.otlp-grpc-port=0",
				"panopticon.ingest.receiver.zipkin-port=0" })
@RealServers
class IngestServiceIT {

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerKafka(registry);
		TestServers.registerElasticsearch(registry);
		registry.add("panopticon.jwt.public-key", TestTokens::publicKeyPem);
	}

	@LocalServerPort
	int port;

	@Autowired
	IngestProperties ingest;

	@Autowired
	io.panopticon.common.autoconfigure.PanopticonTopicsProperties topics;

	@Test
	void healthIsUpWithKafkaAndElasticsearch() {
		Response health = new ServiceClient(this.port).get("/actuator/health");
		assertThat(health.status()).as(health.body()).isEqualTo(200);
		assertThat(health.json().at("/components/kafka/status").asString()).isEqualTo("UP");
		assertThat(health.json().at("/components/storage/status").asString()).isEqualTo("UP");
		assertThat(health.json().at("/status").asString()).isEqualTo("UP");
	}

	@Test
	void apiDescriptionIsPublicAndEveryOperationHasARecordedExample() {
		Response description = new ServiceClient(this.port).get("/v3/api-docs");
		assertThat(description.status()).as(description.body()).isEqualTo(200);
		JsonNode paths = description.json().path("paths");
		assertThat(paths.propertyNames()).containsExactlyInAnyOrder("/v1/traces", "/v1/logs", "/api/v2/spans",
				"/api/admin/dlq/redrive");
		assertThat(paths.at("/~1api~1v2~1spans/post/responses").propertyNames()).containsExactly("202");
		assertThat(paths.at("/~1v1~1traces/post/security").isEmpty()).isTrue();
		assertThat(paths.at("/~1api~1v2~1spans/post/tags/0").asString()).isEqualTo("receivers");
		assertThat(ApiDescriptionChecks.missingExamples(description.json())).isEmpty();
	}

	@Test
	void originalVariablesStillConfigureTheService() {
		assertThat(this.ingest.bulk().batchSize()).isEqualTo(250);
		assertThat(this.ingest.bulk().flushInterval()).hasMillis(200);
		assertThat(this.topics.spans()).isEqualTo("custom.spans");
		assertThat(this.topics.spansDeadLetter()).isEqualTo("custom.spans.dlq");
		assertThat(this.topics.logs()).isEqualTo("apm.logs");
	}

}
