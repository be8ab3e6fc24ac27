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
import io.panopticon.testing.ServiceProcess;
import io.panopticon.testing.TestServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two ingest-service instances in one consumer group: a second instance joins mid-stream
 * and the first one leaves mid-stream, and every span produced is indexed exactly once.
 */
@RealServers({ RealServers.Server.KAFKA, RealServers.Server.ELASTICSEARCH })
class RebalanceIT {

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	@Test
	void instancesJoiningAndLeavingTheGroupLoseNothing() throws Exception {
		String topic = "rebalance.spans." + RUN;
		String service = "rebalance-" + RUN;
		KafkaProbe.createTopics(6, topic);
		EsProbe es = new EsProbe(TestServers.elasticsearchUrl());
		String query = "serviceName:\"" + service + "\"";
		try (KafkaProbe kafka = new KafkaProbe(TestServers.kafkaBootstrapServers());
				ServiceProcess first = ingest(topic, "a").start()) {
			first.awaitHealthy(Duration.ofMinutes(3));
			AtomicBoolean producing = new AtomicBoolean(true);
			AtomicInteger produced = new AtomicInteger();
			Thread producer = new Thread(() -> {
				while (producing.get()) {
					String traceId = IngestPipelineIT.hex(32);
					StringBuilder spans = new StringBuilder("[");
					for (int i = 0; i < 5; i++) {
						spans.append((i > 0) ? "," : "")
							.append(IngestPipelineIT.span(traceId, IngestPipelineIT.hex(16), null, service,
									IngestPipelineIT.micros(Instant.now()), 10 + i, "SERVER", ""));
					}
					kafka.sendAsync(topic, traceId, spans.append("]").toString().getBytes(StandardCharsets.UTF_8));
					produced.addAndGet(5);
					EsProbe.sleep(5);
				}
				kafka.flush();
			}, "rebalance-producer");
			producer.start();

			es.awaitCount("traces-apm-*", query, (c) -> c >= 1_000, Duration.ofMinutes(2));
			try (ServiceProcess second = ingest(topic, "b").start()) {
				second.awaitHealthy(Duration.ofMinutes(3));
				EsProbe.sleep(5_000);
				first.stop();
				EsProbe.sleep(5_000);
				producing.set(false);
				producer.join();

				long indexed = es.awaitCount("traces-apm-*", query, (c) -> c >= produced.get(), Duration.ofMinutes(3));
				EsProbe.sleep(2_000);
				assertThat(indexed).isEqualTo(produced.get());
				assertThat(es.count("traces-apm-*", query)).isEqualTo(produced.get());
			}
		}
	}

	private static ServiceProcess.Builder ingest(String topic, String name) {
		return KafkaProbe.ingestProcess(TestServers.elasticsearchUrl(), topic, "rebalance-" + RUN,
				"rebalance-ingest-" + name + ".log");
	}

}
