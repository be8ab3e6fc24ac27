package io.panopticon.aggregator.rollup;

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
 * After downtime the aggregator rolls up every missed minute within the catch-up horizon,
 * oldest first, and the final rollups are those it would have written without the
 * downtime; minutes beyond the horizon are left to raw queries.
 */
@TestPropertySource(
		properties = { "panopticon.aggregator.catch-up-horizon=2h", "panopticon.aggregator.chunk-spans=1000" })
class CatchUpIT extends RollupIT {

	private static final Instant T04 = Instant.parse("2026-05-20T04:00:00Z");

	private static final Instant T06 = Instant.parse("2026-05-20T06:00:00Z");

	private static final Instant T07 = Instant.parse("2026-05-20T07:00:00Z");

	private static final Instant T09 = Instant.parse("2026-05-20T09:00:00Z");

	@Test
	void missedMinutesAreRolledUpOldestFirstUpToTheHorizon() {
		SpanGenerator generator = new SpanGenerator(520);
		List<Span> before = generator.spans("catchup", T04, T06, 1500);
		this.spans.write(before);
		this.clock.set(T06.plusSeconds(20));
		assertThat(this.worker.runPass().result().minutes()).isEqualTo(120);

		// Three hours without an aggregator; spans keep arriving.
		List<Span> during = generator.spans("catchup", T06, T09, 6000);
		this.spans.write(during);
		this.clock.set(T09.plusSeconds(20));
		Outcome catchUp = this.worker.runPass();

		assertThat(catchUp.result().minutes()).isEqualTo(120);
		assertThat(catchUp.result().lateMinutes()).isZero();
		assertThat(catchUp.result().hours()).isEqualTo(2);
		List<Span> all = new ArrayList<>(before);
		all.addAll(during);
		Map<String, Figures> expected = Figures.expectedRequestRollups(all, T04, T06);
		expected.putAll(Figures.expectedRequestRollups(all, T07, T09));
		assertThat(this.docs.rollups(T04, T09, List.of("service", "endpoint"))).isEqualTo(expected);

		// The hour beyond the horizon has neither markers nor rollups.
		assertThat(this.docs.markers("1m", T06, T07)).isEmpty();
		assertThat(this.docs.markers("1h", T04, T09).keySet()).containsExactly(T04, T04.plusSeconds(3600), T07,
				T07.plusSeconds(3600));
		// Oldest first: units of work are rolled up in time order, each a bit later
		// than the one before (the test clock ticks on every reading).
		Map<Instant, JsonNode> markers = this.docs.markers("1m", T07, T09);
		assertThat(markers).hasSize(120);
		List<Instant> rolledAt = markers.values()
			.stream()
			.map((marker) -> Instant.parse(marker.path("rolledAt").asString()))
			.toList();
		assertThat(rolledAt).isSorted();
		assertThat(rolledAt.get(0)).isBefore(rolledAt.get(rolledAt.size() - 1));
	}

}
