package io.panopticon.aggregator.rollup;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RollupDocumentsTest {

	private static final Instant MINUTE = Instant.parse("2026-11-22T03:04:00Z");

	private static final Instant ROLLED = Instant.parse("2026-11-22T03:05:15.123Z");

	@Test
	void endpointRollupIsTheDocumentedDocument() {
		Rollup rollup = new Rollup(Resolution.MINUTE, MINUTE, RollupKey.endpoint("orders", "prod", "GET /orders/{id}"));
		rollup.add(3, 1, 120, 98_000, 100_000, Map.of(415, 2L, 242, 1L));
		rollup.add(45_000, 541, false);
		rollup.httpMethod("GET");

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
		Rollup rollup = new Rollup(Resolution.HOUR, Instant.parse("2026-11-22T03:00:00Z"),
				RollupKey.edge("orders", null, "postgres"));
		rollup.add(1500, 369, true);
		rollup.httpMethod("GET");

		assertThat(new String(RollupDocuments.rollup(rollup, ROLLED)))
			.isEqualTo("{\"@timestamp\":\"2026-11-22T03:00:00Z\",\"resolution\":\"1h\",\"kind\":\"edge\","
					+ "\"serviceName\":\"orders\",\"callee\":\"postgres\",\"requests\":1,\"errors\":1,"
					+ "\"durationMinMicros\":1500,\"durationMaxMicros\":1500,\"durationSumMicros\":1500,"
					+ "\"latency\":[{\"bucket\":369,\"count\":1}],\"latencyHistogram\":\"AfECAQ==\","
					+ "\"rolledAt\":\"2026-11-22T03:05:15.123Z\"}");
	}

	@Test
	void markersCarryTheSpanCountsOfMinutes() {
		assertThat(new String(RollupDocuments.marker(Resolution.MINUTE, MINUTE, ROLLED, new SpanCounts(7, 9))))
			.isEqualTo("{\"@timestamp\":\"2026-11-22T03:04:00Z\",\"resolution\":\"1m\",\"kind\":\"marker\","
					+ "\"rolledAt\":\"2026-11-22T03:05:15.123Z\",\"spans\":7,\"windowSpans\":9}");
		assertThat(new String(RollupDocuments.marker(Resolution.HOUR, MINUTE, ROLLED, null)))
			.isEqualTo("{\"@timestamp\":\"2026-11-22T03:04:00Z\",\"resolution\":\"1h\",\"kind\":\"marker\","
					+ "\"rolledAt\":\"2026-11-22T03:05:15.123Z\"}");
	}

	@Test
	void emptyRollupsAreNeverWritten() {
		Rollup empty = new Rollup(Resolution.MINUTE, MINUTE, RollupKey.service("orders", "prod"));

		assertThatIllegalArgumentException().isThrownBy(() -> RollupDocuments.rollup(empty, ROLLED));
	}

}
