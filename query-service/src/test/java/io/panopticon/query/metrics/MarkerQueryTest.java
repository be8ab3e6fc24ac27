package io.panopticon.query.metrics;

import java.time.Instant;
import java.util.List;

import io.panopticon.storage.StorageClient.Search;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class MarkerQueryTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final long MINUTE = 60_000;

	private static final long HOUR = 3_600_000;

	private static final long DAY = Instant.parse("2026-11-22T00:00:00Z").toEpochMilli();

	@Test
	void overviewAsksForHoursMinuteCountsPerHourAndTheRecentMinutes() {
		MarkerQuery query = new MarkerQuery(DAY + 10 * MINUTE, DAY + 5 * HOUR + 20 * MINUTE);
		assertThat(query.recentFrom()).isEqualTo(DAY + 4 * HOUR);
		Search search = query.overview();
		assertThat(search.indices()).containsExactly("metrics-apm-1m-2026.11.22", "metrics-apm-1h-2026.11");
		assertThat(search.body().at("/query/bool/filter/0/term/kind").asString()).isEqualTo("marker");
		assertThat(search.body().at("/aggs/hours/aggs/t/date_histogram/fixed_interval").asString()).isEqualTo("60m");
		assertThat(search.body().at("/aggs/minutesPerHour/filter/term/resolution").asString()).isEqualTo("1m");
		assertThat(search.body().at("/aggs/recentMinutes/filter/bool/filter/1/range/@timestamp/gte").asLong())
			.isEqualTo(DAY + 4 * HOUR);
		assertThat(search.body().at("/aggs/recentMinutes/aggs/t/date_histogram/fixed_interval").asString())
			.isEqualTo("1m");
	}

	@Test
	void completeHoursNeedNoDetailAndOnlyOlderPartialHoursDo() {
		// Span of interest: 00:10 to 05:20. Hour 0 has its 50 minutes of interest, hour
		// 1 all 60, hour 2 only 30 (a gap), hour 3 none, hours 4 and 5 are recent.
		MarkerQuery query = new MarkerQuery(DAY + 10 * MINUTE, DAY + 5 * HOUR + 20 * MINUTE);
		String response = """
				{"aggregations":{
				  "hours":{"doc_count":1,"t":{"buckets":[{"key":%d,"doc_count":1}]}},
				  "minutesPerHour":{"doc_count":170,"t":{"buckets":[
				    {"key":%d,"doc_count":50},{"key":%d,"doc_count":60},{"key":%d,"doc_count":30},
				    {"key":%d,"doc_count":2}]}},
				  "recentMinutes":{"doc_count":2,"t":{"buckets":[{"key":%d,"doc_count":1},{"key":%d,"doc_count":1}]}}}}
				""".formatted(DAY + HOUR, DAY, DAY + HOUR, DAY + 2 * HOUR, DAY + 4 * HOUR, DAY + 4 * HOUR,
				DAY + 4 * HOUR + MINUTE);
		Markers.Builder builder = new Markers.Builder();
		List<Long> partial = query.readOverview(JSON.readTree(response), builder);
		assertThat(partial).containsExactly(DAY + 2 * HOUR);
		Markers markers = builder.build();
		assertThat(markers.hasHour(DAY + HOUR)).isTrue();
		assertThat(markers.hasHour(DAY)).isFalse();
		assertThat(markers.hasMinute(DAY + 10 * MINUTE)).isTrue();
		assertThat(markers.hasMinute(DAY + HOUR + 59 * MINUTE)).isTrue();
		assertThat(markers.hasMinute(DAY + 2 * HOUR)).isFalse();
		assertThat(markers.hasMinute(DAY + 3 * HOUR)).isFalse();
		assertThat(markers.hasMinute(DAY + 4 * HOUR + MINUTE)).isTrue();
		assertThat(markers.hasMinute(DAY + 4 * HOUR + 2 * MINUTE)).isFalse();

		Search detail = query.detail(partial);
		assertThat(detail.indices()).containsExactly("metrics-apm-1m-2026.11.22");
		assertThat(detail.body().at("/query/bool/filter/1/range/@timestamp/gte").asLong()).isEqualTo(DAY + 2 * HOUR);
		assertThat(detail.body().at("/query/bool/filter/1/range/@timestamp/lt").asLong()).isEqualTo(DAY + 3 * HOUR);
		query.readDetail(JSON.readTree("""
				{"aggregations":{"minutes":{"doc_count":1,"t":{"buckets":[{"key":%d,"doc_count":1}]}}}}
				""".formatted(DAY + 2 * HOUR + 7 * MINUTE)), builder);
		assertThat(builder.build().hasMinute(DAY + 2 * HOUR + 7 * MINUTE)).isTrue();
	}

}
