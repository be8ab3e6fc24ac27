package io.panopticon.storage;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RetentionJobTest {

	@Test
	void readsConcreteIndicesFromAResolveResponse() {
		byte[] response = """
				{"indices": [{"name": "traces-apm-2025.11.20", "attributes": ["open"]},
				             {"name": "traces-apm-2025.11.21", "aliases": ["recent"], "attributes": ["open"]}],
				 "aliases": [{"name": "recent", "indices": ["traces-apm-2025.11.21"]}],
				 "data_streams": [{"name": "traces-apm-default", "backing_indices": [".ds-traces-apm-default-1"],
				                   "timestamp_field": "@timestamp"}]}
				""".getBytes(StandardCharsets.UTF_8);

		assertThat(StorageClient.indexNames(response)).containsExactly("traces-apm-2025.11.20",
				"traces-apm-2025.11.21");
	}

	@Test
	void readsAnEmptyResolveResponse() {
		byte[] response = "{\"indices\":[],\"aliases\":[],\"data_streams\":[]}".getBytes(StandardCharsets.UTF_8);

		assertThat(StorageClient.indexNames(response)).isEmpty();
	}

	@Test
	void everyFamilyNeedsAPositiveRetention() {
		Map<IndexFamily, Duration> retention = new EnumMap<>(IndexFamily.class);
		for (IndexFamily family : IndexFamily.values()) {
			retention.put(family, Duration.ofDays(7));
		}
		retention.put(IndexFamily.METRICS_1M, Duration.ZERO);
		assertThatIllegalArgumentException().isThrownBy(() -> new RetentionJob(null, retention, Clock.systemUTC()))
			.withMessageContaining("metrics-apm-1m-*");

		retention.remove(IndexFamily.METRICS_1M);
		assertThatIllegalArgumentException().isThrownBy(() -> new RetentionJob(null, retention, Clock.systemUTC()))
			.withMessageContaining("metrics-apm-1m-*");
	}

}
