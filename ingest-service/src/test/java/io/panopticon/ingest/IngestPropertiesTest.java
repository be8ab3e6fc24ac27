package io.panopticon.ingest;

import java.time.Duration;

import io.panopticon.common.autoconfigure.LegacyEnvironmentPostProcessor;
import io.panopticon.ingest.receiver.ReceiverProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class IngestPropertiesTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withInitializer(new ConfigDataApplicationContextInitializer())
		.withInitializer(LegacyEnvironmentPostProcessor::applyTo)
		.withUserConfiguration(Settings.class);

	@Test
	void defaultsAreThoseOfTheDocumentation() {
		this.runner.run((context) -> {
			IngestProperties properties = context.getBean(IngestProperties.class);
			assertThat(properties.bulk().batchSize()).isEqualTo(5000);
			assertThat(properties.bulk().batchBytes()).isEqualTo(DataSize.ofMegabytes(5));
			assertThat(properties.bulk().flushInterval()).isEqualTo(Duration.ofMillis(200));
			assertThat(properties.bulk().maxParallelFlushes()).isEqualTo(2);
			assertThat(properties.consumer().concurrency()).isEqualTo(2);
			assertThat(properties.consumer().retryBackoff()).isEqualTo(Duration.ofMillis(500));
			assertThat(properties.consumer().maxRetryBackoff()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.throughput().batchSize()).isEqualTo(5000);
			assertThat(properties.throughput().minInterval()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.maxSpanDuration()).isEqualTo(Duration.ofHours(24));
			ReceiverProperties receiver = context.getBean(ReceiverProperties.class);
			assertThat(receiver.otlpHttpPort()).isEqualTo(4318);
			assertThat(receiver.otlpGrpcPort()).isEqualTo(4317);
			assertThat(receiver.zipkinPort()).isEqualTo(9411);
		});
	}

	@Test
	void theOriginalVariablesSetTheirProperties() {
		this.runner
			.withSystemProperties("BULK_BATCH_SIZE=500", "BULK_BATCH_BYTES_MB=1", "BULK_FLUSH_INTERVAL_MS=1000",
					"BULK_MAX_PARALLEL_FLUSHES=1", "STREAM_THROUGHPUT_BATCH_SIZE=0",
					"STREAM_THROUGHPUT_MIN_INTERVAL_MS=2000", "STREAM_THROUGHPUT_TARGET_COUNT=100",
					"PANOPTICON_OTLP_HTTP_PORT=-1", "PANOPTICON_ZIPKIN_PORT=19411")
			.run((context) -> {
				IngestProperties properties = context.getBean(IngestProperties.class);
				assertThat(properties.bulk().batchSize()).isEqualTo(500);
				assertThat(properties.bulk().batchBytes()).isEqualTo(DataSize.ofMegabytes(1));
				assertThat(properties.bulk().flushInterval()).isEqualTo(Duration.ofSeconds(1));
				assertThat(properties.bulk().maxParallelFlushes()).isEqualTo(1);
				assertThat(properties.throughput().batchSize()).isZero();
				assertThat(properties.throughput().minInterval()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.throughput().targetCount()).isEqualTo(100);
				ReceiverProperties receiver = context.getBean(ReceiverProperties.class);
				assertThat(receiver.otlpHttpPort()).isEqualTo(ReceiverProperties.DISABLED);
				assertThat(receiver.zipkinPort()).isEqualTo(19411);
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "panopticon.ingest.bulk.batch-size=0", "panopticon.ingest.bulk.batch-bytes=0B",
			"panopticon.ingest.bulk.flush-interval=0ms", "panopticon.ingest.bulk.max-parallel-flushes=0",
			"panopticon.ingest.bulk.max-attempts=-1", "panopticon.ingest.bulk.retry-backoff=-1s",
			"panopticon.ingest.consumer.concurrency=0", "panopticon.ingest.consumer.max-poll-records=0",
			"panopticon.ingest.consumer.fetch-min-bytes=0B", "panopticon.ingest.consumer.retry-backoff=0s",
			"panopticon.ingest.max-record-size=0B", "panopticon.ingest.max-future-skew=0s",
			"panopticon.ingest.max-span-duration=0s", "panopticon.ingest.max-endpoints-per-service=0",
			"panopticon.ingest.max-services=0", "panopticon.ingest.throughput.min-interval=-1s",
			"panopticon.ingest.index.replicas=-1", "panopticon.ingest.receiver.zipkin-port=-2",
			"panopticon.ingest.receiver.retry-after=0s" })
	void aZeroOrNegativeSettingStopsTheStartUpNamingIt(String setting) {
		String property = setting.substring(0, setting.indexOf('='));
		this.runner.withPropertyValues(setting)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageStartingWith(property + " must"));
	}

	@Test
	void noParallelFlushesFromTheOriginalVariableStopsTheStartUp() {
		this.runner.withSystemProperties("BULK_MAX_PARALLEL_FLUSHES=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("panopticon.ingest.bulk.max-parallel-flushes must be at least 1, not 0"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ IngestProperties.class, ReceiverProperties.class })
	static class Settings {

	}

}
