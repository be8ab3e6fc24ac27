package io.panopticon.aggregator.rollup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.panopticon.aggregator.rollup.RollupWorker.Outcome;
import io.panopticon.common.telemetry.Span;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Minute and hour rollups against real Elasticsearch are exactly what the test computes
 * itself, in plain Java, from the generated spans: requests, errors, min/max/sum of the
 * durations, the latency histogram and the HTTP method, per service and per endpoint,
 * with a marker for every minute and hour.
 */
@TestPropertySource(
		properties = { "panopticon.aggregator.catch-up-horizon=3h", "panopticon.aggregator.chunk-spans=2000" })
class RollupExactnessIT extends RollupIT {

	/** Closed minutes end at 14:00; the horizon starts at 11:00. */
	private static final Instant NOW = Instant.parse("2026-03-10T14:00:20Z");

	private static final Instant FROM = Instant.parse("2026-03-10T11:00:00Z");

	private static final Instant TO = Instant.parse("2026-03-10T14:00:00Z");

	private static final List<String> REQUEST_KINDS = List.of("service", "endpoint");

	@Test
	void rollupsAreExactlyTheFiguresOfTheSpans() {
		List<Span> generated = new ArrayList<>();
		// Most spans in the hour 12:00, a few in 11:00 and 13:00, some outside the
		// horizon (10:xx) and some in the open minute 14:00.
		SpanGenerator generator = new SpanGenerator(20260310);
		generated.addAll(generator.spans("exact", Instant.parse("2026-03-10T12:00:00Z"),
				Instant.parse("2026-03-10T13:00:00Z"), 6000));
		generated.addAll(generator.spans("exact", Instant.parse("2026-03-10T10:30:00Z"), NOW, 1500));
		this.spans.write(generated);
		this.clock.set(NOW);

		Outcome outcome = this.worker.runPass();

		assertThat(outcome.status()).isEqualTo(Outcome.Status.DONE);
		assertThat(outcome.result().minutes()).isEqualTo(180);
		assertThat(outcome.result().hours()).isEqualTo(3);
		Map<String, Figures> expected = Figures.expectedRequestRollups(generated, FROM, TO);
		assertThat(expected).hasSizeGreaterThan(500);
		Map<String, Figures> actual = this.docs.rollups(FROM.minus(Duration.ofHours(2)), NOW.plusSeconds(3600),
				REQUEST_KINDS);
		assertThat(actual).containsOnlyKeys(expected.keySet());
		assertThat(actual).isEqualTo(expected);

		Map<Instant, JsonNode> minuteMarkers = this.docs.markers("1m", FROM.minus(Duration.ofHours(2)), NOW);
		assertThat(minuteMarkers.keySet()).hasSize(180).allMatch((minute) -> !minute.isBefore(FROM));
		for (Map.Entry<Instant, JsonNode> marker : minuteMarkers.entrySet()) {
			long spansOfMinute = generated.stream()
				.filter((span) -> Figures.minuteOf(span.startTimeMicros()).equals(marker.getKey()))
				.count();
			assertThat(marker.getValue().path("spans").asLong()).as("spans of %s", marker.getKey())
				.isEqualTo(spansOfMinute);
		}
		assertThat(this.docs.markers("1h", FROM.minus(Duration.ofHours(2)), NOW).keySet()).containsExactly(FROM,
				FROM.plusSeconds(3600), FROM.plusSeconds(7200));
	}

	@Test
	void aSecondPassChangesNothing() {
		Instant now = Instant.parse("2026-03-11T09:00:20Z");
		Instant from = now.minus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
		List<Span> generated = new SpanGenerator(11).spans("again", from, now.minusSeconds(20), 500);
		this.spans.write(generated);
		this.clock.set(now);
		assertThat(this.worker.runPass().result().minutes()).isEqualTo(180);
		Map<String, Figures> first = this.docs.rollups(from, now, List.of("service", "endpoint", "edge"));

		this.clock.set(now.plusSeconds(30));
		Outcome second = this.worker.runPass();

		assertThat(second.result().minutes()).isZero();
		assertThat(second.result().hours()).isZero();
		assertThat(this.docs.rollups(from, now, List.of("service", "endpoint", "edge"))).isEqualTo(first);
	}

}
