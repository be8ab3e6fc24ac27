package io.panopticon.aggregator.rollup;

import java.time.Instant;

import io.panopticon.storage.StorageClient;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * What the rollup integration tests add to the application: a clock they set, and the
 * helpers that write spans and read rollups.
 */
@TestConfiguration(proxyBeanMethods = false)
class RollupTestConfiguration {

	@Bean
	@Primary
	TestClock testClock() {
		return new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
	}

	@Bean
	SpanFixtures spanFixtures(StorageClient storage) {
		return new SpanFixtures(storage);
	}

	@Bean
	RollupDocs rollupDocs(SpanFixtures fixtures) {
		return new RollupDocs(fixtures);
	}

}
