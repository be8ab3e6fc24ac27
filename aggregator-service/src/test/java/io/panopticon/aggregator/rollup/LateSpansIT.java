package io.panopticon.aggregator.rollup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.panopticon.aggregator.rollup.RollupWorker.Outcome;
import io.panopticon.common.telemetry.Span;
import io.panopticon.common.telemetry.SpanKind;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spans that arrive after their minute was rolled up still count: the next pass finds
 * that the minute's spans grew, rolls it up again, replaces its rollups (deleting those
 * it no longer produces) and merges its hour again. Late spans older than the re-roll
 * window are left out, as documented.
 */
@TestPropertySource(
		properties = { "panopticon.aggregator.catch-up-horizon=2h", "panopticon.aggregator.reroll-window=90m" })
class LateSpansIT extends RollupIT {

	/**
	 * The horizon starts at 08:30, the re-roll window at 09:00; minutes up to 10:29 are
	 * closed.
	 */
	private static final Instant NOW = Instant.parse("2026-04-14T10:30:20Z");

	private static final Instant HORIZON = Instant.parse("2026-04-14T08:30:00Z");

	private static final Instant REROLL = Instant.parse("2026-04-14T09:00:00Z");

	private static final Instant PRODUCED = Instant.parse("2026-04-14T09:45:10Z");

	@Test
	void lateSpansAreRolledUpAgainAndTheirHourMergedAgain() {
		SpanGenerator generator = new SpanGenerator(414);
		List<Span> early = new ArrayList<>(generator.spans("late", HORIZON, NOW.minusSeconds(20), 1200));
		String trace = Spans.traceId(1);
		Span producer = Spans.span(trace, Spans.id(2), Spans.id(1), SpanKind.PRODUCER, "late-orders", PRODUCED, 1500,
				"kafka", false);
		early.add(producer);
		this.spans.write(early);
		this.clock.set(NOW);
		Outcome first = this.worker.runPass();
		assertThat(first.result().minutes()).isEqualTo(120);
		assertThat(first.result().hours()).isEqualTo(1);
		String peerEdge = Figures.key("1m", Instant.parse("2026-04-14T09:45:00Z"), "edge", "late-orders", "prod",
				"kafka");
		assertThat(this.docs.rollups(HORIZON, NOW, List.of("edge"))).containsKey(peerEdge);

		// Late: more requests in two minutes of the window, the consumer of the message
		// (the instrumented callee the producer's peer stood for), and spans in a minute
		// older than the re-roll window.
		List<Span> late = new ArrayList<>();
		late.addAll(generator.spans("late", Instant.parse("2026-04-14T09:45:00Z"),
				Instant.parse("2026-04-14T09:46:00Z"), 60));
		late.addAll(generator.spans("late", Instant.parse("2026-04-14T10:27:00Z"),
				Instant.parse("2026-04-14T10:28:00Z"), 60));
		List<Span> tooLate = generator.spans("late", Instant.parse("2026-04-14T08:40:00Z"),
				Instant.parse("2026-04-14T08:41:00Z"), 40);
		Span consumer = Spans.span(trace, Spans.id(3), Spans.id(2), SpanKind.CONSUMER, "late-notifications",
				PRODUCED.plusMillis(20), 900, null, false);
		late.add(consumer);
		this.spans.write(late);
		this.spans.write(tooLate);
		this.clock.set(NOW.plusSeconds(20));
		Outcome second = this.worker.runPass();

		// 09:45 and 10:27, and their neighbours when late spans fell within the edge
		// slack of them (their service-map join reads those spans too).
		assertThat(second.result().lateMinutes()).isBetween(2, 6);
		assertThat(second.result().minutes()).isEqualTo(second.result().lateMinutes());
		assertThat(second.result().hours()).isEqualTo(1);
		List<Span> all = new ArrayList<>(early);
		all.addAll(late);
		Map<String, Figures> expected = Figures.expectedRequestRollups(all, REROLL, NOW.minusSeconds(20));
		expected.putAll(Figures.expectedRequestRollups(early, HORIZON, REROLL));
		assertThat(this.docs.rollups(HORIZON, NOW, List.of("service", "endpoint"))).isEqualTo(expected);

		Map<String, Figures> edges = this.docs.rollups(HORIZON, NOW, List.of("edge"));
		assertThat(edges).doesNotContainKey(peerEdge)
			.doesNotContainKey(
					Figures.key("1h", Instant.parse("2026-04-14T09:00:00Z"), "edge", "late-orders", "prod", "kafka"));
		assertThat(edges.get(Figures.key("1m", Instant.parse("2026-04-14T09:45:00Z"), "edge", "late-orders", "prod",
				"late-notifications")))
			.extracting(Figures::requests, Figures::sum)
			.containsExactly(1L, 1500L);
		assertThat(edges.get(Figures.key("1h", Instant.parse("2026-04-14T09:00:00Z"), "edge", "late-orders", "prod",
				"late-notifications")))
			.extracting(Figures::requests)
			.isEqualTo(1L);

		Map<Instant, JsonNode> markers = this.docs.markers("1m", HORIZON, NOW);
		long spansAt0945 = all.stream()
			.filter((span) -> Figures.minuteOf(span.startTimeMicros()).equals(Instant.parse("2026-04-14T09:45:00Z")))
			.count();
		assertThat(markers.get(Instant.parse("2026-04-14T09:45:00Z")).path("spans").asLong()).isEqualTo(spansAt0945);
		assertThat(this.docs.markers("1h", HORIZON, NOW)).containsKey(REROLL);
	}

}
