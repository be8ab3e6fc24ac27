package io.panopticon.ingest.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.panopticon.testing.EsProbe;
import io.panopticon.testing.RealServers;
import io.panopticon.testing.ServiceProcess;
import io.panopticon.testing.TestServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ingest-service as a separate JVM, killed with SIGKILL in the middle of a stream and
 * started again: every span and log produced ends up in Elasticsearch exactly once.
 */
@RealServers({ RealServers.Server.KAFKA, RealServers.Server.ELASTICSEARCH })
class CrashSafetyIT {

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private static final int TRACES = 2_000;

	private static final int SPANS_PER_TRACE = 10;

	private static final int LOGS = 4_000;

	@Test
	void killedMidStreamAndRestartedLosesAndDuplicatesNothing() throws Exception {
		String spansTopic = "crash.spans." + RUN;
		String logsTopic = "crash.logs." + RUN;
		String service = "crash-" + RUN;
		KafkaProbe.createTopics(6, spansTopic, logsTopic);
		EsProbe es = new EsProbe(TestServers.elasticsearchUrl());
		String spanQuery = "serviceName:\"" + service + "\"";

		try (KafkaProbe kafka = new KafkaProbe(TestServers.kafkaBootstrapServers());
				ServiceProcess ingest = ingest(spansTopic, logsTopic)) {
			ingest.awaitHealthy(Duration.ofMinutes(3));
			AtomicInteger producedTraces = new AtomicInteger();
			Thread producer = new Thread(() -> produce(kafka, spansTopic, logsTopic, service, producedTraces),
					"crash-producer");
			producer.start();

			long before = es.awaitCount("traces-apm-*", spanQuery, (c) -> c >= 3_000, Duration.ofMinutes(2));
			assertThat(before).as("spans indexed before the kill").isGreaterThanOrEqualTo(3_000);
			ingest.kill();
			assertThat(ingest.isAlive()).isFalse();
			long atKill = es.count("traces-apm-*", spanQuery);
			ingest.start();
			ingest.awaitHealthy(Duration.ofMinutes(3));
			producer.join(Duration.ofMinutes(3).toMillis());
			assertThat(producedTraces.get()).isEqualTo(TRACES);

			long spans = es.awaitCount("traces-apm-*", spanQuery, (c) -> c >= TRACES * SPANS_PER_TRACE,
					Duration.ofMinutes(3));
			long logs = es.awaitCount("logs-apm-*", spanQuery, (c) -> c >= LOGS, Duration.ofMinutes(2));
			// Anything still in flight would show now.
			EsProbe.sleep(3_000);
			assertThat(atKill).as("the kill came mid-stream").isLessThan(TRACES * SPANS_PER_TRACE);
			assertThat(spans).isEqualTo(TRACES * SPANS_PER_TRACE);
			assertThat(es.count("traces-apm-*", spanQuery)).isEqualTo(TRACES * SPANS_PER_TRACE);
			assertThat(logs).isEqualTo(LOGS);
			assertThat(es.count("logs-apm-*", spanQuery)).isEqualTo(LOGS);
		}
	}

	private static ServiceProcess ingest(String spansTopic, String logsTopic) {
		return KafkaProbe
			.ingestProcess(TestServers.elasticsearchUrl(), spansTopic, "crash-" + RUN, "crash-safety-ingest.log")
			.property("panopticon.topics.logs", logsTopic)
			.start();
	}

	/**
	 * 2,000 traces of 10 spans (one record each) and two logs per trace, over about 10 s.
	 */
	private static void produce(KafkaProbe kafka, String spansTopic, String logsTopic, String service,
			AtomicInteger produced) {
		long now = IngestPipelineIT.micros(Instant.now());
		for (int t = 0; t < TRACES; t++) {
			String traceId = IngestPipelineIT.hex(32);
			List<String> spans = new ArrayList<>();
			for (int s = 0; s < SPANS_PER_TRACE; s++) {
				spans.add(IngestPipelineIT.span(traceId, IngestPipelineIT.hex(16), null, service, now + t, 100 + s,
						(s == 0) ? "SERVER" : "CLIENT", ""));
			}
			kafka.sendAsync(spansTopic, traceId,
					("[" + String.join(",", spans) + "]").getBytes(StandardCharsets.UTF_8));
			for (int l = 0; l < LOGS / TRACES; l++) {
				kafka.sendAsync(logsTopic, service,
						IngestPipelineIT.log(service, now + t, "INFO", "log " + t + "." + l, traceId)
							.getBytes(StandardCharsets.UTF_8));
			}
			produced.incrementAndGet();
			if (t % 100 == 99) {
				kafka.flush();
				EsProbe.sleep(500);
			}
		}
		kafka.flush();
	}

}
