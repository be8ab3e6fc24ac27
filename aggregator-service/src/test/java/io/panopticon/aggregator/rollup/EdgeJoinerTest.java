package io.panopticon.aggregator.rollup;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.panopticon.common.telemetry.SpanKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EdgeJoinerTest {

	private static final Instant FROM = Instant.parse("2026-11-22T10:00:00Z");

	private static final Instant TO = Instant.parse("2026-11-22T10:01:00Z");

	private static final long T = FROM.toEpochMilli();

	private static SpanRef span(String trace, String id, String parent, SpanKind kind, String service, String peer,
			long startMillis, long micros, boolean error) {
		return new SpanRef(trace, id, parent, kind, service, "prod", peer, startMillis, micros,
				Figures.bucketOf(micros), error);
	}

	/**
	 * Joins the spans (sorted by trace as Elasticsearch returns them) into edges by
	 * "caller->callee@minute".
	 */
	private static Map<String, Rollup> join(List<SpanRef> spans) {
		RollupSet sink = new RollupSet(Resolution.MINUTE);
		EdgeJoiner joiner = new EdgeJoiner(FROM, TO, sink, 1000);
		spans.stream().sorted(Comparator.comparing(SpanRef::traceId)).forEach(joiner::accept);
		joiner.finish();
		Map<String, Rollup> edges = new TreeMap<>();
		for (Rollup rollup : sink.all()) {
			edges.put(rollup.key().serviceName() + "->" + rollup.key().callee() + "@" + rollup.bucket(), rollup);
		}
		return edges;
	}

	@Test
	void aClientSpanCallsTheServiceOfItsChild() {
		Map<String, Rollup> edges = join(List.of(span("t1", "a", null, SpanKind.SERVER, "gw", null, T, 900, false),
				span("t1", "b", "a", SpanKind.CLIENT, "gw", "orders-peer", T + 1, 500, true),
				span("t1", "c", "b", SpanKind.SERVER, "orders", null, T + 2, 400, false)));

		assertThat(edges).containsOnlyKeys("gw->orders@" + FROM);
		Rollup edge = edges.get("gw->orders@" + FROM);
		assertThat(edge.requests()).isEqualTo(1);
		assertThat(edge.errors()).isEqualTo(1);
		assertThat(edge.durationSum()).isEqualTo(500);
	}

	@Test
	void aClientSpanWithoutAnInstrumentedChildCallsItsPeer() {
		assertThat(join(List.of(span("t1", "b", "a", SpanKind.CLIENT, "orders", "postgres", T, 100, false),
				span("t1", "d", "a", SpanKind.PRODUCER, "orders", "kafka", T, 100, false),
				span("t1", "e", "a", SpanKind.CLIENT, "orders", null, T, 100, false))))
			.containsOnlyKeys("orders->postgres@" + FROM, "orders->kafka@" + FROM);
	}

	@Test
	void aChildInTheSameServiceIsNoCall() {
		assertThat(join(List.of(span("t1", "b", "a", SpanKind.CLIENT, "orders", null, T, 100, false),
				span("t1", "c", "b", SpanKind.SERVER, "orders", null, T + 1, 90, false))))
			.isEmpty();
	}

	@Test
	void aProducerCallsEveryConsumingServiceOnce() {
		assertThat(join(List.of(span("t1", "p", "a", SpanKind.PRODUCER, "orders", "kafka", T, 100, false),
				span("t1", "c1", "p", SpanKind.CONSUMER, "mail", null, T + 5, 90, false),
				span("t1", "c2", "p", SpanKind.CONSUMER, "mail", null, T + 6, 90, false),
				span("t1", "c3", "p", SpanKind.CONSUMER, "billing", null, T + 7, 90, false))))
			.containsOnlyKeys("orders->mail@" + FROM, "orders->billing@" + FROM)
			.allSatisfy((key, edge) -> assertThat(edge.requests()).isEqualTo(1));
	}

	@Test
	void sharedSpanIdsAreOneCallMeasuredByTheClient() {
		Map<String, Rollup> edges = join(List.of(span("t1", "a", null, SpanKind.SERVER, "gw", null, T, 900, false),
				span("t1", "x", "a", SpanKind.CLIENT, "gw", null, T + 1, 500, false),
				span("t1", "x", "a", SpanKind.SERVER, "cart", null, T + 2, 400, false)));

		assertThat(edges).containsOnlyKeys("gw->cart@" + FROM);
		assertThat(edges.get("gw->cart@" + FROM).durationSum()).isEqualTo(500);
	}

	@Test
	void aServerCalledWithoutAClientSpanMeasuresTheCall() {
		Map<String, Rollup> edges = join(List.of(span("t1", "a", null, SpanKind.SERVER, "gw", null, T, 900, false),
				span("t1", "l", "a", SpanKind.SERVER, "legacy", null, T + 3, 300, true)));

		assertThat(edges).containsOnlyKeys("gw->legacy@" + FROM);
		assertThat(edges.get("gw->legacy@" + FROM).errors()).isEqualTo(1);
	}

	@Test
	void callsCountInTheMinuteTheirMeasuringSpanStartedAndOnlyInsideTheRange() {
		long end = TO.toEpochMilli();
		Map<String, Rollup> edges = join(List.of(
				// Measured in the range; its callee starts after it.
				span("t1", "b", "a", SpanKind.CLIENT, "gw", null, end - 1, 500, false),
				span("t1", "c", "b", SpanKind.SERVER, "orders", null, end + 3, 400, false),
				// Measured before the range: another unit of work counts it.
				span("t2", "b", "a", SpanKind.CLIENT, "gw", null, T - 2, 500, false),
				span("t2", "c", "b", SpanKind.SERVER, "orders", null, T + 1, 400, false)));

		assertThat(edges).containsOnlyKeys("gw->orders@" + FROM);
		assertThat(edges.get("gw->orders@" + FROM).requests()).isEqualTo(1);
	}

	@Test
	void tracesAreJoinedOneAtATime() {
		// Same span ids in two traces must not be linked.
		assertThat(join(List.of(span("t1", "b", "a", SpanKind.CLIENT, "gw", "peer", T, 500, false),
				span("t2", "c", "b", SpanKind.SERVER, "orders", null, T + 1, 400, false))))
			.containsOnlyKeys("gw->peer@" + FROM);
	}

	@Test
	void aTraceBeyondTheLimitIsJoinedWithItsFirstSpansAndCounted() {
		RollupSet sink = new RollupSet(Resolution.MINUTE);
		EdgeJoiner joiner = new EdgeJoiner(FROM, TO, sink, 2);
		joiner.accept(span("t1", "b", "a", SpanKind.CLIENT, "gw", "peer", T, 500, false));
		joiner.accept(span("t1", "c", "a", SpanKind.CLIENT, "gw", "peer", T, 500, false));
		joiner.accept(span("t1", "d", "a", SpanKind.CLIENT, "gw", "peer", T, 500, false));
		joiner.accept(span("t2", "b", "a", SpanKind.CLIENT, "gw", "peer", T, 500, false));
		joiner.finish();

		assertThat(joiner.truncatedTraces()).isEqualTo(1);
		assertThat(joiner.calls()).isEqualTo(3);
	}

}
