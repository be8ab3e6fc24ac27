package io.panopticon.query.metrics;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsReaderTest {

	private static final long HOUR = 3_600_000;

	@Test
	void aTimeSeriesIsSplitIntoPiecesOfWholeIntervals() {
		RangePlan plan = RangePlan.rawOnly(HOUR / 2, 100 * HOUR);
		MetricsQuery query = new MetricsQuery(Grouping.time(HOUR), Filters.NONE);
		List<MetricsReader.Piece> pieces = MetricsReader.pieces(query, plan, 1);
		assertThat(pieces).hasSize(3);
		assertThat(pieces.get(0).plan().raw()).containsExactly(new Slice(HOUR / 2, 48 * HOUR));
		assertThat(pieces.get(1).plan().raw()).containsExactly(new Slice(48 * HOUR, 96 * HOUR));
		assertThat(pieces.get(2).plan().raw()).containsExactly(new Slice(96 * HOUR, 100 * HOUR));
		assertThat(MetricsReader.pieces(query, plan, 4)).hasSize(9);
	}

	@Test
	void otherGroupingsAreSplitIntoPartitions() {
		RangePlan plan = RangePlan.rawOnly(0, HOUR);
		List<MetricsReader.Piece> pieces = MetricsReader.pieces(new MetricsQuery(Grouping.ENDPOINT, Filters.NONE), plan,
				4);
		assertThat(pieces).extracting(MetricsReader.Piece::partition).containsExactly(0, 1, 2, 3);
		assertThat(pieces).allSatisfy((piece) -> assertThat(piece.partitions()).isEqualTo(4));
	}

}
