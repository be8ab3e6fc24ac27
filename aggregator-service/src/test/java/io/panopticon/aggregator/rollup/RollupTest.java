package io.panopticon.aggregator.rollup;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import io.panopticon.storage.RollupDocument;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RollupTest {

	private static final Instant HOUR = Instant.parse("2026-11-22T03:00:00Z");

	private static final Instant MINUTE = Instant.parse("2026-11-22T03:04:00Z");

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
	void theStoredFormOfAnEndpointRollupCarriesItsFiguresAndMethod() {
		Rollup rollup = new Rollup(Resolution.MINUTE, MINUTE, RollupKey.endpoint("orders", "prod", "GET /orders/{id}"));
		rollup.add(3, 1, 120, 98_000, 100_000, Map.of(415, 2L, 242, 1L));
		rollup.add(45_000, 541, false);
		rollup.httpMethod("GET");

		assertThat(rollup.document())
			.isEqualTo(new RollupDocument("1m", MINUTE, "endpoint", "orders", "prod", "GET /orders/{id}", "GET", null,
					4, 1, 120, 98_000, 145_000, new TreeMap<>(Map.of(242, 1L, 415, 2L, 541, 1L))));
	}

	@Test
	void theStoredFormOfAnEdgeHasNoMethod() {
		Rollup rollup = new Rollup(Resolution.HOUR, HOUR, RollupKey.edge("orders", null, "postgres"));
		rollup.add(1500, 369, true);
		rollup.httpMethod("GET");

		assertThat(rollup.document()).isEqualTo(new RollupDocument("1h", HOUR, "edge", "orders", null, null, null,
				"postgres", 1, 1, 1500, 1500, 1500, new TreeMap<>(Map.of(369, 1L))));
	}

	@Test
	void anEmptyRollupHasNoStoredForm() {
		Rollup empty = new Rollup(Resolution.MINUTE, MINUTE, RollupKey.service("orders", "prod"));

		assertThatIllegalArgumentException().isThrownBy(empty::document);
	}

	@Test
	void sumsSaturateInsteadOfWrappingOrFailing() {
		Rollup rollup = new Rollup(Resolution.HOUR, HOUR, RollupKey.service("orders", "prod"));
		rollup.add(Long.MAX_VALUE, 0, false);
		rollup.add(86_400_000_000L, 0, false);
		Rollup other = new Rollup(Resolution.HOUR, HOUR, RollupKey.service("orders", "prod"));
		other.add(Long.MAX_VALUE - 1, 0, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Map.of(0, Long.MAX_VALUE - 1));

		rollup.merge(other);

		assertThat(rollup.durationSum()).isEqualTo(Long.MAX_VALUE);
		assertThat(rollup.requests()).isEqualTo(Long.MAX_VALUE);
		assertThat(rollup.latency()).containsEntry(0, Long.MAX_VALUE);
		assertThat(rollup.durationMax()).isEqualTo(Long.MAX_VALUE);
		assertThat(rollup.document().durationSumMicros()).isPositive();
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
