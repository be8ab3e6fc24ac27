package io.panopticon.aggregator.rollup;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RollupIdsTest {

	private static final Instant MINUTE = Instant.parse("2026-11-22T03:04:00Z");

	@Test
	void idsAreStableAcrossRunsAndVersions() {
		// Fixed: a changed algorithm would leave older documents beside new ones.
		assertThat(RollupIds.of(Resolution.MINUTE, RollupKey.endpoint("orders", "prod", "GET /orders/{id}"), MINUTE))
			.isEqualTo(
					RollupIds.of(Resolution.MINUTE, RollupKey.endpoint("orders", "prod", "GET /orders/{id}"), MINUTE))
			.hasSize(22)
			.matches("[A-Za-z0-9_-]{22}");
	}

	@Test
	void everyFieldOfTheKeyAndTheBucketTellsIdsApart() {
		List<String> ids = List.of(RollupIds.of(Resolution.MINUTE, RollupKey.service("orders", "prod"), MINUTE),
				RollupIds.of(Resolution.HOUR, RollupKey.service("orders", "prod"), MINUTE),
				RollupIds.of(Resolution.MINUTE, RollupKey.service("orders", "prod"), MINUTE.plusSeconds(60)),
				RollupIds.of(Resolution.MINUTE, RollupKey.service("order", "sprod"), MINUTE),
				RollupIds.of(Resolution.MINUTE, RollupKey.service("orders", null), MINUTE),
				RollupIds.of(Resolution.MINUTE, RollupKey.service("orders", ""), MINUTE),
				RollupIds.of(Resolution.MINUTE, RollupKey.endpoint("orders", "prod", "payments"), MINUTE),
				RollupIds.of(Resolution.MINUTE, RollupKey.edge("orders", "prod", "payments"), MINUTE),
				RollupIds.marker(Resolution.MINUTE, MINUTE), RollupIds.marker(Resolution.HOUR, MINUTE));
		Set<String> distinct = new HashSet<>(ids);

		assertThat(distinct).hasSameSizeAs(ids);
	}

}
