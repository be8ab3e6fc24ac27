package io.panopticon.query.metrics;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import org.junit.jupiter.api.Test;

import io.panopticon.storage.StorageClient;

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

	@Test
	void aRangeNearTheEndOfTimeIsPlannedWithoutOverflowOrAnyRead() throws IOException {
		// fromMillis + MINUTE - 1 once overflowed here into a range of millions of years
		// whose markers were then looked up; no store answers, so any read fails.
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		try (Rest5Client rest = Rest5Client.builder(URI.create("http://127.0.0.1:" + closedPort)).build()) {
			MetricsReader reader = new MetricsReader(new StorageClient(rest),
					Clock.fixed(Instant.parse("2026-11-22T03:00:00Z"), ZoneOffset.UTC), Duration.ofMinutes(5), true);
			RangePlan plan = reader.plan(9223372036854775000L, Long.MAX_VALUE, true);
			assertThat(plan.raw()).containsExactly(new Slice(9223372036854775000L, Long.MAX_VALUE));
		}
	}

}
