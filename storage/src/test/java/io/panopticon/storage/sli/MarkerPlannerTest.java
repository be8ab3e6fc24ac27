package io.panopticon.storage.sli;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class MarkerPlannerTest {

	private static final long HOUR = TimeRange.HOUR;

	private static final long MINUTE = TimeRange.MINUTE;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void markedMinutesAreRolledUpAndEverythingElseIsRaw() {
		long start = 100 * HOUR;
		TimeRange range = new TimeRange(start + 30_000, start + 5 * MINUTE + 10_000);
		Coverage coverage = MarkerPlanner.of(range, Set.of(start + MINUTE, start + 2 * MINUTE, start + 4 * MINUTE));
		assertThat(coverage.rollups()).containsExactly(new TimeRange(start + MINUTE, start + 3 * MINUTE),
				new TimeRange(start + 4 * MINUTE, start + 5 * MINUTE));
		assertThat(coverage.raw()).containsExactly(new TimeRange(start + 30_000, start + MINUTE),
				new TimeRange(start + 3 * MINUTE, start + 4 * MINUTE),
				new TimeRange(start + 5 * MINUTE, start + 5 * MINUTE + 10_000));
	}

	@Test
	void completeHoursNeedNoDetailAndPartialOnesDo() {
		long start = 100 * HOUR;
		MarkerPlanner planner = new MarkerPlanner(new TimeRange(start, start + 2 * HOUR + 90_000));
		String response = """
				{"aggregations": {"t": {"buckets": [
				  {"key": %d, "doc_count": 60}, {"key": %d, "doc_count": 12}, {"key": %d, "doc_count": 1}]}}}"""
			.formatted(start, start + HOUR, start + 2 * HOUR);
		Set<Long> complete = new HashSet<>();
		List<TimeRange> partial = planner.readOverview(JSON.readTree(response), complete);
		// The last hour has one minute of interest, marked: complete.
		assertThat(complete).containsExactlyInAnyOrder(start, start + 2 * HOUR);
		assertThat(partial).containsExactly(new TimeRange(start + HOUR, start + 2 * HOUR));
		Coverage coverage = planner.plan(complete, Set.of(start + HOUR));
		assertThat(coverage.rollups()).containsExactly(new TimeRange(start, start + HOUR + MINUTE),
				new TimeRange(start + 2 * HOUR, start + 2 * HOUR + MINUTE));
		assertThat(coverage.raw()).containsExactly(new TimeRange(start + HOUR + MINUTE, start + 2 * HOUR),
				new TimeRange(start + 2 * HOUR + MINUTE, start + 2 * HOUR + 90_000));
	}

	@Test
	void readsRollupAndRawWindowsAndAddsThemUp() {
		long start = 100 * HOUR;
		Coverage coverage = MarkerPlanner.of(new TimeRange(start, start + 2 * MINUTE), Set.of(start));
		SliQuery query = new SliQuery(new RequestSelector("orders", null, null, 400), coverage);
		assertThat(query.windows(List.of(new TimeRange(start, start + 2 * MINUTE)))).hasSize(2);
		String rollups = """
				{"aggregations": {"g": {"buckets": {"0": {"doc_count": 1, "requests": {"value": 100.0},
				  "errors": {"value": 7.0}, "fast": {"under": {"count": {"value": 90.0}}}}}}}}""";
		String raw = """
				{"aggregations": {"g": {"buckets": {"0": {"doc_count": 10, "errors": {"doc_count": 3},
				  "fast": {"doc_count": 8}}}}}}""";
		assertThat(query.readWindows(List.of(JSON.readTree(rollups), JSON.readTree(raw)), 1))
			.containsExactly(new RequestCounts(110, 10, 98));
	}

}
