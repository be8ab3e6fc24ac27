package io.panopticon.query.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.panopticon.storage.StorageClient.Search;
import io.panopticon.common.histogram.PackedHistogram;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsQueryTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final long T0 = Instant.parse("2026-11-22T03:00:00Z").toEpochMilli();

	private static final long MINUTE = 60_000;

	private static final long HOUR = 60 * MINUTE;

	@Test
	void rawSearchAggregatesRequestSpansPerServiceOnTheServer() {
		MetricsQuery query = new MetricsQuery(Grouping.SERVICE, new Filters(null, "prod", "Ord*"));
		Search search = query.raw(List.of(new Slice(T0, T0 + MINUTE), new Slice(T0 + 5 * MINUTE, T0 + 6 * MINUTE)), 0,
				1);
		assertThat(search.indices()).containsExactly("traces-apm-2026.11.22");
		assertJson(search.body(), """
				{"size":0,"track_total_hits":false,
				 "query":{"bool":{"filter":[
				   {"term":{"isRequest":true}},
				   {"term":{"environment":"prod"}},
				   {"bool":{"minimum_should_match":1,"should":[
				     {"range":{"@timestamp":{"gte":%1$d,"lt":%2$d,"format":"epoch_millis"}}},
				     {"range":{"@timestamp":{"gte":%3$d,"lt":%4$d,"format":"epoch_millis"}}}]}}]}},
				 "aggs":{"groups":{"terms":{"field":"serviceName","size":10000},"aggs":{
				   "errors":{"filter":{"term":{"isError":true}}},
				   "duration":{"sum":{"field":"durationMicros"}},
				   "latency":{"terms":{"field":"latencyBucket","size":2207}}}}}}
				""".formatted(T0, T0 + MINUTE, T0 + 5 * MINUTE, T0 + 6 * MINUTE));
	}

	@Test
	void rollupSearchReadsMinuteAndHourRollupsWithTheirNestedHistograms() {
		MetricsQuery query = new MetricsQuery(Grouping.ENDPOINT, new Filters("orders", null, null));
		long day = Instant.parse("2026-11-21T00:00:00Z").toEpochMilli();
		Search search = query.rollups(List.of(new Slice(T0, T0 + MINUTE)), List.of(new Slice(day, day + 3_600_000)), 2,
				4);
		assertThat(search.indices()).containsExactly("metrics-apm-1m-2026.11.22", "metrics-apm-1h-2026.11");
		assertJson(search.body(), """
				{"size":0,"track_total_hits":false,
				 "query":{"bool":{"filter":[
				   {"term":{"kind":"endpoint"}},
				   {"term":{"serviceName":"orders"}},
				   {"bool":{"minimum_should_match":1,"should":[
				     {"bool":{"filter":[{"term":{"resolution":"1m"}},
				       {"range":{"@timestamp":{"gte":%1$d,"lt":%2$d,"format":"epoch_millis"}}}]}},
				     {"bool":{"filter":[{"term":{"resolution":"1h"}},
				       {"range":{"@timestamp":{"gte":%3$d,"lt":%4$d,"format":"epoch_millis"}}}]}}]}}]}},
				 "aggs":{"groups":{"terms":{"field":"endpoint","size":10000,
				     "include":{"partition":2,"num_partitions":4}},"aggs":{
				   "requests":{"sum":{"field":"requests"}},
				   "errors":{"sum":{"field":"errors"}},
				   "duration":{"sum":{"field":"durationSumMicros"}},
				   "latency":{"nested":{"path":"latency"},"aggs":{"buckets":{
				     "terms":{"field":"latency.bucket","size":2207},
				     "aggs":{"count":{"sum":{"field":"latency.count"}}}}}}}}}}
				""".formatted(T0, T0 + MINUTE, day, day + 3_600_000));
	}

	@Test
	void timeSeriesAndEdgesGroupByTimeAndByCallerAndCallee() {
		Search series = new MetricsQuery(Grouping.time(5 * MINUTE), Filters.NONE).raw(List.of(new Slice(T0, T0 + 1)), 0,
				1);
		assertJson(series.body().path("aggs").path("groups"), """
				{"date_histogram":{"field":"@timestamp","fixed_interval":"5m","min_doc_count":1},
				 "aggs":{"errors":{"filter":{"term":{"isError":true}}},
				   "duration":{"sum":{"field":"durationMicros"}},
				   "latency":{"terms":{"field":"latencyBucket","size":2207}}}}
				""");
		Search edges = new MetricsQuery(Grouping.EDGE, Filters.NONE).rollups(List.of(new Slice(T0, T0 + MINUTE)),
				List.of(), 0, 1);
		assertThat(edges.body().at("/query/bool/filter/0/term/kind").asString()).isEqualTo("edge");
		JsonNode groups = edges.body().path("aggs").path("groups");
		assertThat(groups.at("/terms/field").asString()).isEqualTo("serviceName");
		assertThat(groups.at("/aggs/callees/terms/field").asString()).isEqualTo("callee");
		assertThat(groups.at("/aggs/callees/aggs/latency/nested/path").asString()).isEqualTo("latency");
	}

	@Test
	void rawAndRollupAnswersAddUpPerGroup() {
		MetricsQuery query = new MetricsQuery(Grouping.SERVICE, Filters.NONE);
		Map<String, Figures> results = MetricsQuery.results();
		query.readRaw(JSON.readTree("""
				{"aggregations":{"groups":{"buckets":[
				  {"key":"orders","doc_count":3,"errors":{"doc_count":1},"duration":{"value":6000.0},
				   "latency":{"buckets":[{"key":349,"doc_count":2},{"key":400,"doc_count":1}]}}]}}}
				"""), results);
		query.readRollups(JSON.readTree("""
				{"aggregations":{"groups":{"buckets":[
				  {"key":"orders","doc_count":2,"requests":{"value":5.0},"errors":{"value":0.0},
				   "duration":{"value":4000.0},"latency":{"doc_count":2,"buckets":{"buckets":[
				     {"key":349,"doc_count":2,"count":{"value":5.0}}]}}},
				  {"key":"payments","doc_count":1,"requests":{"value":1.0},"errors":{"value":1.0},
				   "duration":{"value":10.0},"latency":{"doc_count":1,"buckets":{"buckets":[
				     {"key":117,"doc_count":1,"count":{"value":1.0}}]}}}]}}}
				"""), results);
		Figures orders = results.get("orders");
		assertThat(orders.requests()).isEqualTo(8);
		assertThat(orders.errors()).isEqualTo(1);
		assertThat(orders.durationSumMicros()).isEqualTo(10_000);
		assertThat(orders.latency().buckets()).containsExactly(349, 400);
		assertThat(orders.latency().counts()).containsExactly(7, 1);
		assertThat(results.get("payments").errorRate()).isEqualTo(100.0);
	}

	@Test
	void aServiceNameSearchIsAppliedToTheGroupsIgnoringCaseAndWildcards() {
		// In Elasticsearch, a case-insensitive wildcard of a few hundred characters fails
		// to determinize; here the text is plain text, whatever it holds.
		MetricsQuery query = new MetricsQuery(Grouping.SERVICE, new Filters(null, null, "RDER*"));
		Map<String, Figures> results = MetricsQuery.results();
		query.readRaw(
				JSON.readTree(
						"""
								{"aggregations":{"groups":{"buckets":[
								  {"key":"orders","doc_count":1,"errors":{"doc_count":0},"duration":{"value":1.0},"latency":{"buckets":[]}},
								  {"key":"Order*s","doc_count":1,"errors":{"doc_count":0},"duration":{"value":1.0},"latency":{"buckets":[]}},
								  {"key":"payments","doc_count":1,"errors":{"doc_count":0},"duration":{"value":1.0},"latency":{"buckets":[]}}]}}}
								"""),
				results);
		assertThat(results).containsOnlyKeys("Order*s");
		assertThat(new MetricsQuery(Grouping.SERVICE, new Filters(null, null, "a".repeat(100)))
			.raw(List.of(new Slice(T0, T0 + MINUTE)), 0, 1)
			.body()
			.toString()).doesNotContain("wildcard").doesNotContain("aaa");
	}

	@Test
	void aServiceNameSearchNeedsGroupsOfServices() {
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new MetricsQuery(Grouping.ENDPOINT, new Filters("orders", null, "x")));
	}

	@Test
	void aTimeSeriesFetchesItsHourlyRollupsFromDocValues() {
		MetricsQuery query = new MetricsQuery(Grouping.time(2 * HOUR), new Filters("orders", "prod", null));
		Search search = query.hourDocuments(List.of(new Slice(T0, T0 + 3 * HOUR)));
		assertThat(search.indices()).containsExactly("metrics-apm-1h-2026.11");
		assertJson(search.body(), """
				{"size":10000,"track_total_hits":true,"_source":false,
				 "query":{"bool":{"filter":[
				   {"term":{"kind":"service"}},
				   {"term":{"serviceName":"orders"}},
				   {"term":{"environment":"prod"}},
				   {"term":{"resolution":"1h"}},
				   {"range":{"@timestamp":{"gte":%1$d,"lt":%2$d,"format":"epoch_millis"}}}]}},
				 "docvalue_fields":[{"field":"@timestamp","format":"epoch_millis"},
				   "requests","errors","durationSumMicros","latencyHistogram"]}
				""".formatted(T0, T0 + 3 * HOUR));
		assertThat(new MetricsQuery(Grouping.SERVICE, Filters.NONE).fetchesHours()).isFalse();
	}

	@Test
	void fetchedHourlyRollupsAddUpPerPoint() {
		MetricsQuery query = new MetricsQuery(Grouping.time(2 * HOUR), Filters.NONE);
		Map<String, Figures> results = MetricsQuery.results();
		boolean complete = query.readHourDocuments(JSON.readTree("""
				{"hits":{"total":{"value":3,"relation":"eq"},"hits":[
				  %s, %s, %s]}}
				""".formatted(hour(T0, 3, 1, 600, new int[] { 349, 400 }, new long[] { 2, 1 }),
				hour(T0 + HOUR, 5, 0, 400, new int[] { 349 }, new long[] { 5 }),
				hour(T0 + 2 * HOUR, 1, 1, 10, new int[] { 117 }, new long[] { 1 }))), results);

		assertThat(complete).isTrue();
		assertThat(results).containsOnlyKeys(Long.toString(T0 - HOUR), Long.toString(T0 + HOUR));
		Figures first = results.get(Long.toString(T0 - HOUR));
		assertThat(first.requests()).isEqualTo(3);
		Figures second = results.get(Long.toString(T0 + HOUR));
		assertThat(second.requests()).isEqualTo(6);
		assertThat(second.errors()).isEqualTo(1);
		assertThat(second.durationSumMicros()).isEqualTo(410);
		assertThat(second.latency().buckets()).containsExactly(117, 349);
		assertThat(second.latency().counts()).containsExactly(1, 5);
	}

	@Test
	void fetchedHourlyRollupsAreIncompleteWithoutPackedHistogramsOrBeyondOneSearch() {
		MetricsQuery query = new MetricsQuery(Grouping.time(HOUR), Filters.NONE);
		String unpacked = "{\"fields\":{\"@timestamp\":[\"%d\"],\"requests\":[1],\"errors\":[0],\"durationSumMicros\":[5]}}"
			.formatted(T0);
		String packed = hour(T0, 1, 0, 5, new int[] { 80 }, new long[] { 1 });

		assertThat(query.readHourDocuments(
				JSON.readTree("{\"hits\":{\"total\":{\"value\":2},\"hits\":[%s,%s]}}".formatted(packed, unpacked)),
				MetricsQuery.results()))
			.isFalse();
		assertThat(query.readHourDocuments(
				JSON.readTree("{\"hits\":{\"total\":{\"value\":2},\"hits\":[%s]}}".formatted(packed)),
				MetricsQuery.results()))
			.isFalse();
		assertThat(query.readHourDocuments(
				JSON.readTree("{\"hits\":{\"total\":{\"value\":1},\"hits\":[%s]}}".formatted(packed)),
				MetricsQuery.results()))
			.isTrue();
	}

	private static String hour(long start, long requests, long errors, long durationSum, int[] buckets, long[] counts) {
		return """
				{"fields":{"@timestamp":["%d"],"requests":[%d],"errors":[%d],"durationSumMicros":[%d],
				 "latencyHistogram":["%s"]}}""".formatted(start, requests, errors, durationSum,
				PackedHistogram.encode(buckets, counts));
	}

	@Test
	void edgeAnswersAreKeyedByCallerAndCallee() {
		MetricsQuery query = new MetricsQuery(Grouping.EDGE, Filters.NONE);
		Map<String, Figures> results = MetricsQuery.results();
		query.readRollups(JSON.readTree("""
				{"aggregations":{"groups":{"buckets":[{"key":"orders","doc_count":1,"callees":{"buckets":[
				  {"key":"postgres","doc_count":1,"requests":{"value":4.0},"errors":{"value":0.0},
				   "duration":{"value":40.0},"latency":{"doc_count":1,"buckets":{"buckets":[
				     {"key":117,"doc_count":1,"count":{"value":4.0}}]}}}]}}]}}}
				"""), results);
		String key = MetricsQuery.edgeKey("orders", "postgres");
		assertThat(results).containsOnlyKeys(key);
		assertThat(MetricsQuery.edgeOf(key)).containsExactly("orders", "postgres");
		assertThat(results.get(key).requests()).isEqualTo(4);
	}

	private static void assertJson(JsonNode actual, String expected) {
		// Re-read, so that the comparison is by JSON value, not by Java number type.
		assertThat(JSON.readTree(actual.toString())).isEqualTo(JSON.readTree(expected));
	}

}
