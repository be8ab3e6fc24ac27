package io.panopticon.errorstream.recent;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecentSearchTest {

	private static final Instant NOW = Instant.parse("2025-11-21T08:10:00Z");

	@Test
	void newestErrorLogsOfOneServiceAndEnvironment() {
		RecentSearch search = RecentSearch
			.of(new RecentQuery(Instant.parse("2025-11-20T23:00:00Z"), "orders", "prod", 100), NOW);
		assertThat(search.indices()).containsExactly("logs-apm-2025.11.20", "logs-apm-2025.11.21",
				"logs-apm-2025.11.22");
		assertThat(search.body()).isEqualTo("""
				{"size":100,"track_total_hits":101,\
				"sort":[{"timestampMicros":{"order":"desc","unmapped_type":"long"}}],\
				"_source":["timestampMicros","@timestamp","serviceName","environment","level","message","traceId",\
				"spanId","attributeMap"],\
				"query":{"bool":{"filter":[{"terms":{"level":["ERROR","FATAL"]}},\
				{"range":{"timestampMicros":{"gte":1763679600000000}}},\
				{"term":{"serviceName":"orders"}},{"term":{"environment":"prod"}}]}}}""");
	}

	@Test
	void everyServiceWithoutFilters() {
		RecentSearch search = RecentSearch.of(new RecentQuery(Instant.parse("2025-11-21T08:00:00Z"), null, null, 5),
				NOW);
		assertThat(search.body()).contains("\"size\":5,\"track_total_hits\":6")
			.contains("\"filter\":[{\"terms\":{\"level\":[\"ERROR\",\"FATAL\"]}},"
					+ "{\"range\":{\"timestampMicros\":{\"gte\":1763712000000000}}}]}");
	}

	@Test
	void nothingToSearchWhenSinceIsMoreThanADayAhead() {
		assertThat(RecentSearch.of(new RecentQuery(NOW.plusSeconds(2 * 86400), null, null, 5), NOW).indices())
			.isEmpty();
	}

}
