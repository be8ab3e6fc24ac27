package io.panopticon.storage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.panopticon.testing.RawElasticsearch;
import io.panopticon.testing.RawElasticsearch.Answer;
import io.panopticon.testing.RealServers;
import io.panopticon.testing.RealServers.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention against a real Elasticsearch: exactly the indices whose whole day (month) is
 * past their family's retention are deleted; today's, recent and unparseable ones stay.
 */
@RealServers(Server.ELASTICSEARCH)
class RetentionJobIT {

	private static final Map<IndexFamily, Duration> RETENTION = Map.of(IndexFamily.TRACES, Duration.ofDays(7),
			IndexFamily.LOGS, Duration.ofDays(7), IndexFamily.METRICS_1M, Duration.ofDays(30), IndexFamily.METRICS_1H,
			Duration.ofDays(395));

	private static RawElasticsearch elasticsearch;

	private final List<String> created = new ArrayList<>();

	@BeforeAll
	static void connect() {
		elasticsearch = new RawElasticsearch();
		// Span and log indices made here get the real mapping, should another test
		// write to the same day.
		new IndexTemplates(new StorageClient(elasticsearch.client()),
				new IndexTemplates.Settings(0, Duration.ofSeconds(5)))
			.ensureInstalled();
	}

	@AfterAll
	static void disconnect() throws Exception {
		elasticsearch.close();
	}

	@AfterEach
	void deleteWhatThisTestCreated() {
		for (String index : this.created) {
			elasticsearch.send("DELETE", "/" + index);
		}
	}

	@Test
	void deletesExactlyTheIndicesPastTheirRetention() {
		Instant now = Instant.now();
		LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
		List<String> expired = List.of(IndexFamily.TRACES.indexFor(today.minusDays(10)),
				// Its day ended at midnight, more than 7 days before now.
				IndexFamily.TRACES.indexFor(today.minusDays(8)), IndexFamily.LOGS.indexFor(today.minusDays(9)),
				IndexFamily.METRICS_1M.indexFor(today.minusDays(40)),
				IndexFamily.METRICS_1H.indexFor(today.minusMonths(15)));
		List<String> kept = List.of(IndexFamily.TRACES.indexFor(today),
				// Part of its day is younger than 7 days.
				IndexFamily.TRACES.indexFor(today.minusDays(6)), IndexFamily.LOGS.indexFor(today.minusDays(3)),
				IndexFamily.METRICS_1M.indexFor(today.minusDays(20)),
				IndexFamily.METRICS_1H.indexFor(today.minusMonths(11)),
				// Names that only look like dated indices are never touched.
				"traces-apm-2001.02.30", "traces-apm-retention-it", "logs-apm-2001.01.01-restored");
		for (String index : expired) {
			create(index);
		}
		for (String index : kept) {
			create(index);
		}

		List<String> deleted = new RetentionJob(new StorageClient(elasticsearch.client()), RETENTION,
				Clock.fixed(now, ZoneOffset.UTC))
			.deleteExpiredIndices();

		assertThat(deleted).doesNotContainAnyElementsOf(kept);
		for (String index : expired) {
			assertThat(elasticsearch.exists(index)).as(index).isFalse();
		}
		for (String index : kept) {
			assertThat(elasticsearch.exists(index)).as(index).isTrue();
		}
	}

	@Test
	void aSecondRunFindsNothingMoreToDelete() {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		create(IndexFamily.LOGS.indexFor(today.minusDays(12)));
		RetentionJob job = new RetentionJob(new StorageClient(elasticsearch.client()), RETENTION, Clock.systemUTC());

		job.deleteExpiredIndices();

		assertThat(job.deleteExpiredIndices()).noneMatch((index) -> index.startsWith("logs-apm-"));
		assertThat(elasticsearch.exists(IndexFamily.LOGS.indexFor(today.minusDays(12)))).isFalse();
	}

	private void create(String index) {
		Answer answer = elasticsearch.send("PUT", "/" + index);
		if (answer.status() == 200) {
			this.created.add(index);
		}
		else {
			// Another test may have created a current index already; that is fine.
			assertThat(answer.json().at("/error/type").asString()).as(index)
				.isEqualTo("resource_already_exists_exception");
		}
	}

}
