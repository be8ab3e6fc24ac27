package io.panopticon.storage;

import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RollupDocumentsTest {

	private static final Instant MINUTE = Instant.parse("2026-11-22T03:04:00Z");

	private static final Instant ROLLED = Instant.parse("2026-11-22T03:05:15.123Z");

	@Test
	void endpointRollupIsTheDocumentedDocument() {
		RollupDocument rollup = new RollupDocument("1m", MINUTE, "endpoint", "orders", "prod", "GET /orders/{id}",
				"GET", null, 4, 1, 120, 98_000, 145_000, latency(415, 2L, 242, 1L, 541, 1L));

		assertThat(new String(RollupDocuments.rollup(rollup, ROLLED)))
			.isEqualTo("{\"@timestamp\":\"2026-11-22T03:04:00Z\",\"resolution\":\"1m\",\"kind\":\"endpoint\","
					+ "\"serviceName\":\"orders\",\"environment\":\"prod\",\"endpoint\":\"GET /orders/{id}\","
					+ "\"httpMethod\":\"GET\",\"requests\":4,\"errors\":1,\"durationMinMicros\":120,"
					+ "\"durationMaxMicros\":98000,\"durationSumMicros\":145000,\"latency\":[{\"bucket\":242,"
					+ "\"count\":1},{\"bucket\":415,\"count\":2},{\"bucket\":541,\"count\":1}],"
					+ "\"latencyHistogram\":\"AfIBAa0BAn4B\",\"rolledAt\":\"2026-11-22T03:05:15.123Z\"}");
	}

	@Test
	void edgeWithoutEnvironmentLeavesItOut() {
		RollupDocument rollup = new RollupDocument("1h", Instant.parse("2026-11-22T03:00:00Z"), "edge", "orders", null,
				null, null, "postgres", 1, 1, 1500, 1500, 1500, latency(369, 1L));

		assertThat(new String(RollupDocuments.rollup(rollup, ROLLED)))
			.isEqualTo("{\"@timestamp\":\"2026-11-22T03:00:00Z\",\"resolution\":\"1h\",\"kind\":\"edge\","
					+ "\"serviceName\":\"orders\",\"callee\":\"postgres\",\"requests\":1,\"errors\":1,"
					+ "\"durationMinMicros\":1500,\"durationMaxMicros\":1500,\"durationSumMicros\":1500,"
					+ "\"latency\":[{\"bucket\":369,\"count\":1}],\"latencyHistogram\":\"AfECAQ==\","
					+ "\"rolledAt\":\"2026-11-22T03:05:15.123Z\"}");
	}

	@Test
	void markersCarryTheSpanCountsOfMinutes() {
		assertThat(new String(RollupDocuments.marker("1m", MINUTE, ROLLED, 7, 9)))
			.isEqualTo("{\"@timestamp\":\"2026-11-22T03:04:00Z\",\"resolution\":\"1m\",\"kind\":\"marker\","
					+ "\"rolledAt\":\"2026-11-22T03:05:15.123Z\",\"spans\":7,\"windowSpans\":9}");
		assertThat(new String(RollupDocuments.marker("1h", MINUTE, ROLLED)))
			.isEqualTo("{\"@timestamp\":\"2026-11-22T03:04:00Z\",\"resolution\":\"1h\",\"kind\":\"marker\","
					+ "\"rolledAt\":\"2026-11-22T03:05:15.123Z\"}");
	}

	@Test
	void emptyRollupsAreNeverWritten() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RollupDocument("1m", MINUTE, "service", "orders",
				"prod", null, null, null, 0, 0, Long.MAX_VALUE, Long.MIN_VALUE, 0, new TreeMap<>()));
	}

	private static SortedMap<Integer, Long> latency(Object... bucketsAndCounts) {
		SortedMap<Integer, Long> latency = new TreeMap<>();
		for (int i = 0; i < bucketsAndCounts.length; i += 2) {
			latency.put((Integer) bucketsAndCounts[i], (Long) bucketsAndCounts[i + 1]);
		}
		return latency;
	}

}
