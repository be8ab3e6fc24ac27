package io.panopticon.ingest.receiver;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.junit.jupiter.api.Test;

import io.panopticon.common.storage.Topics;
import io.panopticon.common.telemetry.LogEvent;
import io.panopticon.common.telemetry.LogLevel;
import io.panopticon.common.telemetry.Span;
import io.panopticon.common.telemetry.TelemetryJson;
import io.panopticon.common.telemetry.TimeWindow;
import io.panopticon.storage.DocumentIds;

import static org.assertj.core.api.Assertions.assertThat;

class IntakeTest {

	static final Instant NOW = Instant.parse("2025-11-21T08:00:00Z");

	final MockProducer<byte[], byte[]> producer = TelemetryPublisherTest.producer(true);

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	final Intake intake = new Intake(new TelemetryPublisher(this.producer, Duration.ofSeconds(1), 4096), "spans.topic",
			"logs.topic", TimeWindow.of(Duration.ofDays(7)), TimeWindow.of(Duration.ofDays(3)),
			Clock.fixed(NOW, ZoneOffset.UTC), this.meters);

	@Test
	void publishesValidSpansAsKafkaJsonKeyedByTraceAndRejectsThoseOutsideTheWindow() {
		Converted<Span> converted = new Converted<>();
		Span fresh = span("4bf92f3577b34da6a3ce929d0e0e4736", NOW.minusSeconds(5));
		converted.accept("spans[0]", fresh);
		converted.accept("spans[1]", span("5b8aa5a2d2c872e8321cf37308d69df2", NOW.minus(8, ChronoUnit.DAYS)));
		converted.reject("spans[2]", "traceId is required");

		Outcome outcome = this.intake.spans("otlp-http", converted);

		assertThat(outcome.accepted()).isEqualTo(1);
		assertThat(outcome.rejections()).containsExactly(new Rejection("spans[2]", "traceId is required"),
				new Rejection("spans[1]", "startTime: is older than the retention of 7 days"));
		assertThat(this.producer.history()).singleElement().satisfies((record) -> {
			assertThat(record.topic()).isEqualTo("spans.topic");
			assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(fresh.traceId());
			assertThat(TelemetryJson.decodeSpans(record.value())).singleElement()
				.satisfies((decoded) -> assertThat(decoded.value()).isEqualTo(fresh));
		});
		assertThat(this.meters.get("panopticon.receiver.items").tag("outcome", "accepted").counter().count())
			.isEqualTo(1);
		assertThat(this.meters.get("panopticon.receiver.items").tag("outcome", "rejected").counter().count())
			.isEqualTo(2);
	}

	@Test
	void allOrNothingPublishesNothingWhenOneSpanIsRejected() {
		Converted<Span> converted = new Converted<>();
		converted.accept("spans[0]", span("4bf92f3577b34da6a3ce929d0e0e4736", NOW));
		converted.accept("spans[1]", span("5b8aa5a2d2c872e8321cf37308d69df2", NOW.plus(1, ChronoUnit.HOURS)));

		Outcome outcome = this.intake.spansOrNone("zipkin", converted);

		assertThat(outcome.accepted()).isZero();
		assertThat(outcome.rejections())
			.containsExactly(new Rejection("spans[1]", "startTime: is more than 5 minutes in the future"));
		assertThat(this.producer.history()).isEmpty();
	}

	@Test
	void rejectsSpansLongerThanTheLongestDurationNamingTheField() {
		Span day = span("4bf92f3577b34da6a3ce929d0e0e4736", NOW.minus(1, ChronoUnit.DAYS)).toBuilder()
			.durationMicros(86_400_000_000L)
			.build();
		Converted<Span> converted = new Converted<>();
		converted.accept("spans[0]", day);
		converted.accept("spans[1]", day.toBuilder().durationMicros(86_400_000_001L).build());

		Outcome outcome = this.intake.spans("otlp-http", converted);

		assertThat(outcome.accepted()).isEqualTo(1);
		assertThat(outcome.rejections())
			.containsExactly(new Rejection("spans[1]", "durationMicros: must not be longer than 1 day: 86400000001"));
	}

	@Test
	void logsAreKeyedByTraceIdOrElseByService() {
		Converted<LogEvent> converted = new Converted<>();
		long micros = NOW.toEpochMilli() * 1000;
		converted.accept("a", new LogEvent(micros, "orders", null, LogLevel.INFO, "with trace",
				"4bf92f3577b34da6a3ce929d0e0e4736", null, null));
		converted.accept("b", new LogEvent(micros, "orders", null, LogLevel.INFO, "without", null, null, null));

		this.intake.logs("otlp-http", converted);

		assertThat(this.producer.history()).extracting((r) -> r.topic()).containsOnly("logs.topic");
		assertThat(this.producer.history()).extracting((r) -> new String(r.key(), StandardCharsets.UTF_8))
			.containsExactly("4bf92f3577b34da6a3ce929d0e0e4736", "orders");
	}

	@Test
	void logEventsCarryTheirContentIdsAndSpansNone() {
		long micros = NOW.toEpochMilli() * 1000;
		LogEvent event = new LogEvent(micros, "orders", "prod", LogLevel.ERROR, "declined",
				"4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", java.util.Map.of("order", 42L));
		Converted<LogEvent> first = new Converted<>();
		first.accept("a", event);
		first.accept("b", new LogEvent(micros, "orders", "prod", LogLevel.ERROR, "declined again",
				"4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", java.util.Map.of("order", 42L)));
		Converted<LogEvent> retry = new Converted<>();
		retry.accept("a", event);
		Converted<Span> spans = new Converted<>();
		spans.accept("spans[0]", span("4bf92f3577b34da6a3ce929d0e0e4736", NOW));

		this.intake.logs("otlp-http", first);
		this.intake.logs("otlp-http", retry);
		this.intake.spans("otlp-http", spans);

		List<String> firstIds = eventIds(0);
		assertThat(firstIds).hasSize(2).doesNotHaveDuplicates();
		assertThat(firstIds.get(0)).isEqualTo(DocumentIds.logEventId(TelemetryJson.encode(event)));
		assertThat(eventIds(1)).containsExactly(firstIds.get(0));
		assertThat(eventIds(2)).isEmpty();
	}

	@Test
	void rejectsAnItemTooLargeForOneRecord() {
		Converted<Span> converted = new Converted<>();
		converted.accept("spans[0]",
				span("4bf92f3577b34da6a3ce929d0e0e4736", NOW).toBuilder()
					.putAttribute("big", "x".repeat(5000))
					.build());

		Outcome outcome = this.intake.spans("otlp-http", converted);

		assertThat(outcome.rejections()).singleElement()
			.satisfies((r) -> assertThat(r.reason()).endsWith("more than the largest Kafka record (4096 bytes)"));
		assertThat(this.producer.history()).isEmpty();
	}

	private List<String> eventIds(int record) {
		List<String> ids = new java.util.ArrayList<>();
		this.producer.history()
			.get(record)
			.headers()
			.headers(Topics.EVENT_ID)
			.forEach((header) -> ids.add(new String(header.value(), StandardCharsets.US_ASCII)));
		return ids;
	}

	static Span span(String traceId, Instant start) {
		return Span.builder()
			.traceId(traceId)
			.spanId("00f067aa0ba902b7")
			.name("GET /")
			.serviceName("orders")
			.startTimeMicros(ChronoUnit.MICROS.between(Instant.EPOCH, start))
			.durationMicros(10)
			.build();
	}

}
