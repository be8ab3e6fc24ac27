package io.panopticon.aggregator.rollup;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.panopticon.aggregator.rollup.RollupPlanner.PlannedMinute;
import io.panopticon.aggregator.rollup.RollupPlanner.Window;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RollupPlannerTest {

	private final RollupPlanner planner = new RollupPlanner(Duration.ofSeconds(15), Duration.ofMinutes(5),
			Duration.ofHours(1));

	private static Instant at(String time) {
		return Instant.parse("2026-11-22T" + time + "Z");
	}

	@Test
	void aMinuteClosesOnceTheGraceDelayAfterItsEndHasPassed() {
		assertThat(this.planner.window(at("10:01:14")).end()).isEqualTo(at("10:00:00"));
		assertThat(this.planner.window(at("10:01:15")).end()).isEqualTo(at("10:01:00"));
	}

	@Test
	void theWindowReachesBackToTheHorizonAndTheRecheckToTheRerollWindow() {
		Window window = this.planner.window(at("10:01:20"));

		assertThat(window.start()).isEqualTo(at("09:01:00"));
		assertThat(window.end()).isEqualTo(at("10:01:00"));
		assertThat(window.recheckStart()).isEqualTo(at("09:56:00"));
	}

	@Test
	void unmarkedMinutesAreRolledUpOldestFirst() {
		Window window = new Window(at("09:00:00"), at("09:05:00"), at("09:03:00"));
		Map<Instant, SpanCounts> marked = Map.of(at("09:01:00"), new SpanCounts(1, 1), at("09:03:00"),
				new SpanCounts(5, 5));

		List<PlannedMinute> plan = this.planner.plan(window, marked, Map.of(at("09:03:00"), new SpanCounts(5, 5)));

		assertThat(plan).containsExactly(new PlannedMinute(at("09:00:00"), false),
				new PlannedMinute(at("09:02:00"), false), new PlannedMinute(at("09:04:00"), false));
	}

	@Test
	void markedMinutesOfTheRerollWindowWhoseSpansGrewAreRolledUpAgain() {
		Window window = new Window(at("09:00:00"), at("09:05:00"), at("09:03:00"));
		Map<Instant, SpanCounts> marked = new HashMap<>();
		for (int i = 0; i < 5; i++) {
			marked.put(at("09:0" + i + ":00"), new SpanCounts(10, 12));
		}
		// 09:01 grew but lies before the re-roll window; 09:03 grew; 09:04 shrank
		// (retention deleted its raw spans).
		Map<Instant, SpanCounts> current = Map.of(at("09:01:00"), new SpanCounts(11, 13), at("09:03:00"),
				new SpanCounts(10, 13), at("09:04:00"), new SpanCounts(0, 0));

		assertThat(this.planner.plan(window, marked, current)).containsExactly(new PlannedMinute(at("09:03:00"), true));
	}

	@Test
	void aHorizonShorterThanTheGraceDelayGivesAnEmptyWindow() {
		RollupPlanner tight = new RollupPlanner(Duration.ofSeconds(15), Duration.ZERO, Duration.ofMinutes(1));

		assertThat(tight.window(at("10:01:10")).isEmpty()).isTrue();
		assertThat(tight.window(at("10:01:20")).isEmpty()).isFalse();
	}

}
