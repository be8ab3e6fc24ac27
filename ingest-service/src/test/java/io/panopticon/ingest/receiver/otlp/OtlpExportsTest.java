package io.panopticon.ingest.receiver.otlp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import io.panopticon.common.telemetry.TimeWindow;
import io.panopticon.ingest.receiver.Intake;
import io.panopticon.ingest.receiver.TelemetryPublisher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OTLP exports through the intake the receivers share: absurd durations are refused like
 * in the Kafka pipeline.
 */
class OtlpExportsTest {

	private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
			new ByteArraySerializer());

	private final OtlpExports exports = new OtlpExports(
			new Intake(new TelemetryPublisher(this.producer, Duration.ofSeconds(1), 1 << 20), "apm.spans", "apm.logs",
					new TimeWindow(Duration.ofDays(7), Duration.ofMinutes(5), Duration.ofHours(24)),
					TimeWindow.of(Duration.ofDays(3)),
					Clock.fixed(Instant.ofEpochSecond(0, OtlpSpansTest.START).plusSeconds(60), ZoneOffset.UTC),
					new SimpleMeterRegistry()));

	@Test
	void aSpanLastingUntil2262IsRejectedNamingItsDurationAndNotPublished() {
		io.opentelemetry.proto.trace.v1.Span endless = OtlpSpansTest.span(SpanKind.SPAN_KIND_SERVER)
			.setEndTimeUnixNano(Long.MAX_VALUE)
			.build();

		ExportTraceServiceResponse response = this.exports
			.traces(OtlpSpansTest.request(Resource.getDefaultInstance(), endless), "otlp-http");

		assertThat(response.getPartialSuccess().getRejectedSpans()).isEqualTo(1);
		assertThat(response.getPartialSuccess().getErrorMessage())
			.contains("durationMicros: must not be longer than 1 day");
		assertThat(this.producer.history()).isEmpty();
	}

	@Test
	void aSpanOfADayIsPublished() {
		io.opentelemetry.proto.trace.v1.Span day = OtlpSpansTest.span(SpanKind.SPAN_KIND_SERVER)
			.setEndTimeUnixNano(OtlpSpansTest.START + Duration.ofHours(24).toNanos())
			.build();

		ExportTraceServiceResponse response = this.exports
			.traces(OtlpSpansTest.request(Resource.getDefaultInstance(), day), "otlp-http");

		assertThat(response.hasPartialSuccess()).isFalse();
		assertThat(this.producer.history()).hasSize(1);
	}

}
