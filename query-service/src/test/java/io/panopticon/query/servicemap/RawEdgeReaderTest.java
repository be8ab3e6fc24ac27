package io.panopticon.query.servicemap;

import java.util.ArrayList;
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
				{"size":5000,"track_total_hits":false,"_source":false,"stored_fields":"_none_",
				 "docvalue_fields":["traceId","spanId","parentSpanId","serviceName","environment","kind","isError",
				   "durationMicros","latencyBucket","peerService",{"field":"@timestamp","format":"epoch_millis"}],
				 "sort":[{"@timestamp":"asc"},{"traceId":"asc"},{"spanId":"asc"},{"kind":"asc"}],
				 "query":{"bool":{"filter":[
				   {"range":{"@timestamp":{"gte":1000,"lt":2000,"format":"epoch_millis"}}}]}}}
				"""));
	}

	@Test
	void theCountedSpansAreCutIntoPiecesThatCoverTheWindowWhole() {
		List<Slice> widened = List.of(new Slice(500, 20_500));
		JsonNode buckets = JSON.readTree("""
				[{"key":0,"doc_count":4000},{"key":1000,"doc_count":5000},{"key":3000,"doc_count":2000},
				 {"key":4000,"doc_count":12000},{"key":6000,"doc_count":10000},{"key":7000,"doc_count":1}]
				""");
		List<RawEdgeReader.Piece> pieces = new ArrayList<>();
		assertThat(RawEdgeReader.Piece.plan(buckets, 1000, widened, pieces)).isFalse();
		assertThat(pieces).containsExactly(new RawEdgeReader.Piece(new Slice(500, 3000), false),
				new RawEdgeReader.Piece(new Slice(3000, 4000), false),
				new RawEdgeReader.Piece(new Slice(4000, 5000), true),
				new RawEdgeReader.Piece(new Slice(5000, 7000), false),
				new RawEdgeReader.Piece(new Slice(7000, 20_500), false));
	}

	@Test
	void countingMoreThanTheCapEndsThePiecesThereAndMarksTheAnswerPartial() {
		StringBuilder buckets = new StringBuilder("[");
		for (int i = 0; i < 25; i++) {
			buckets.append((i > 0) ? "," : "").append("{\"key\":").append(i * 1000).append(",\"doc_count\":9000}");
		}
		List<RawEdgeReader.Piece> pieces = new ArrayList<>();
		assertThat(RawEdgeReader.Piece.plan(JSON.readTree(buckets + "]"), 1000, List.of(new Slice(0, 60_000)), pieces))
			.isTrue();
		assertThat(pieces).hasSize(23);
		assertThat(pieces.get(22).slice()).isEqualTo(new Slice(22_000, 23_000));
	}

	@Test
	void theWindowIsWidenedMoreAfterThanBeforeButHardlyBeyondNow() {
		assertThat(RawEdgeReader.widen(List.of(new Slice(100_000, 130_000), new Slice(200_000, 260_000)), 1_000_000))
			.containsExactly(new Slice(90_000, 320_000));
		assertThat(RawEdgeReader.widen(List.of(new Slice(100_000, 130_000)), 150_000))
			.containsExactly(new Slice(90_000, 160_000));
	}

	@Test
	void countsAreTakenPerWholeSecondsAndAtMostTwoThousandBuckets() {
		assertThat(RawEdgeReader.bucketMillis(List.of(new Slice(0, 120_000)))).isEqualTo(1000);
		assertThat(RawEdgeReader.bucketMillis(List.of(new Slice(0, 86_400_000)))).isEqualTo(44_000);
		JsonNode body = RawEdgeReader.counts(List.of(new Slice(0, 120_000))).body();
		assertThat(body.at("/aggs/counts/date_histogram/fixed_interval").asString()).isEqualTo("1s");
		assertThat(body.at("/size").asInt()).isZero();
	}

	@Test
	void aPieceIsReadUnsortedAndSaysWhenItGrew() {
		JsonNode body = RawEdgeReader.piece(List.of(new Slice(0, 10_000)), new Slice(2_000, 3_000));
		assertThat(body.at("/size").asInt()).isEqualTo(10_000);
		assertThat(body.at("/track_total_hits").asInt()).isEqualTo(10_001);
		assertThat(body.at("/sort/0").asString()).isEqualTo("_doc");
		assertThat(body.at("/query/bool/filter/1/range/@timestamp/gte").asLong()).isEqualTo(2_000);
	}

	@Test
	void unknownParentsAreLookedUpById() {
		assertThat(RawEdgeReader.parents(List.of(new Slice(1_000, 2_000)), List.of("a1", "b2"))
			.at("/query/bool/filter/1/terms/spanId")).isEqualTo(JSON.readTree("[\"a1\",\"b2\"]"));
	}

}
