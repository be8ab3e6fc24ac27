package io.panopticon.query.servicemap;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.panopticon.query.metrics.Slice;

import static org.assertj.core.api.Assertions.assertThat;

class RawEdgeReaderTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void spansAreReadFromDocValuesInATotalOrder() {
		// Re-read, so that the comparison is by JSON value, not by Java number type.
		JsonNode body = JSON.readTree(RawEdgeReader.spans(List.of(new Slice(1_000, 2_000))).toString());
		assertThat(body).isEqualTo(JSON.readTree("""
				{"size":5000,"track_total_hits":false,"_source":false,
				 "docvalue_fields":["traceId","spanId","parentSpanId","serviceName","environment","kind","isError",
				   "durationMicros","latencyBucket","peerService",{"field":"@timestamp","format":"epoch_millis"}],
				 "sort":[{"@timestamp":"asc"},{"traceId":"asc"},{"spanId":"asc"},{"kind":"asc"}],
				 "query":{"bool":{"filter":[
				   {"range":{"@timestamp":{"gte":1000,"lt":2000,"format":"epoch_millis"}}}]}}}
				"""));
	}

	@Test
	void unknownParentsAreLookedUpById() {
		assertThat(RawEdgeReader.parents(List.of(new Slice(1_000, 2_000)), List.of("a1", "b2"))
			.at("/query/bool/filter/1/terms/spanId")).isEqualTo(JSON.readTree("[\"a1\",\"b2\"]"));
	}

}
