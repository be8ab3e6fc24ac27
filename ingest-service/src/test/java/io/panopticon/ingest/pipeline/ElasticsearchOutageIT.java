package io.panopticon.ingest.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.panopticon.testing.EsProbe;
import io.panopticon.testing.RealServers;
import io.panopticon.testing.ServiceClient;
import io.panopticon.testing.ServiceProcess;
import io.panopticon.testing.TestServers;
import io.panopticon.testing.TestTokens;
import io.panopticon.testing.ThrowawayElasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Elasticsearch stops for 30 s in the middle of a stream: ingest-service reports it DOWN,
 * holds its batches uncommitted, resumes when it returns, and every span produced is
 * indexed once.
 */
@RealServers(RealServers.Server.KAFKA)
class ElasticsearchOutageIT {

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	@Test
	void consumptionResumesAfterElasticsearchReturnsAndNothingIsLost() throws Exception {
		String spansTopic = "outage.spans." + RUN;
		String service = "outage-" + RUN;
		KafkaProbe.createTopics(6, spansTopic);
		try (ThrowawayElasticsearch elasticsearch = TestServers.startThrowawayElasticsearch();
				KafkaProbe kafka = new KafkaProbe(TestServers.kafkaBootstrapServers());
				ServiceProcess ingest = KafkaProbe
					.ingestProcess(elasticsearch.url(), spansTopic, "outage-" + RUN, "elasticsearch-outage-ingest.log")
					.start()) {
			ingest.awaitHealthy(Duration.ofMinutes(3));
			EsProbe es = new EsProbe(elasticsearch.url());
			String query = "serviceName:\"" + service + "\"";
			AtomicBoolean producing = new AtomicBoolean(true);
			AtomicInteger produced = new AtomicInteger();
			Thread producer = new Thread(() -> {
				while (producing.get()) {
					String traceId = IngestPipelineIT.hex(32);
					String span = IngestPipelineIT.span(traceId, IngestPipelineIT.hex(16), null, service,
							IngestPipelineIT.micros(Instant.now()), 250, "SERVER", "");
					kafka.sendAsync(spansTopic, traceId, span.getBytes(StandardCharsets.UTF_8));
					produced.incrementAndGet();
					EsProbe.sleep(10);
				}
				kafka.flush();
			}, "outage-producer");
			producer.start();

			assertThat(es.awaitCount("traces-apm-*", query, (c) -> c >= 200, Duration.ofMinutes(2)))
				.isGreaterThanOrEqualTo(200);
			elasticsearch.stop();
			Instant stopped = Instant.now();
			ServiceClient client = new ServiceClient(ingest.port());
			var health = client.get("/actuator/health", TestTokens.token("viewer"));
			assertThat(health.status()).isEqualTo(503);
			assertThat(health.json().at("/components/storage/status").asString()).isEqualTo("DOWN");
			EsProbe
				.sleep(Math.max(0, Duration.ofSeconds(30).minus(Duration.between(stopped, Instant.now())).toMillis()));
			assertThat(ingest.isAlive()).isTrue();
			elasticsearch.start();
			EsProbe.sleep(5_000);
			producing.set(false);
			producer.join();

			long indexed = es.awaitCount("traces-apm-*", query, (c) -> c >= produced.get(), Duration.ofMinutes(3));
			EsProbe.sleep(2_000);
			assertThat(indexed).isEqualTo(produced.get());
			assertThat(es.count("traces-apm-*", query)).isEqualTo(produced.get());
			assertThat(client.get("/actuator/health").json().at("/status").asString()).isEqualTo("UP");
		}
	}

}
