package io.panopticon.aggregator.rollup;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RollupTest {

	private static final Instant HOUR = Instant.parse("2026-11-22T03:00:00Z");

	@Test
	void mergingIsAddingUpTheSpansOfBoth() {
		Rollup a = new Rollup(Resolution.HOUR, HOUR, RollupKey.service("orders", "prod"));
		a.add(10, 1, 5, 500, 900, Map.of(1, 4L, 300, 6L));
		Rollup b = new Rollup(Resolution.HOUR, HOUR, RollupKey.service("orders", "prod"));
		b.add(2, 2, 1, 7000, 7001, Map.of(0, 1L, 300, 1L));

		a.merge(b);

		assertThat(a.requests()).isEqualTo(12);
		assertThat(a.errors()).isEqualTo(3);
		assertThat(a.durationMin()).isEqualTo(1);
		assertThat(a.durationMax()).isEqualTo(7000);
		assertThat(a.durationSum()).isEqualTo(7901);
		assertThat(a.latency()).containsExactly(Map.entry(0, 1L), Map.entry(1, 4L), Map.entry(300, 7L));
	}

	@Test
	void moreErrorsThanRequestsAreRefused() {
		Rollup rollup = new Rollup(Resolution.MINUTE, HOUR, RollupKey.service("orders", "prod"));

		assertThatIllegalArgumentException().isThrownBy(() -> rollup.add(1, 2, 1, 1, 1, Map.of(0, 1L)));
	}

	@Test
	void keysHoldExactlyTheFieldsOfTheirKind() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RollupKey(RollupKind.SERVICE, "orders", null, "GET /", null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RollupKey(RollupKind.EDGE, "orders", null, null, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RollupKey(RollupKind.MARKER, "orders", null, null, null));
	}

}
