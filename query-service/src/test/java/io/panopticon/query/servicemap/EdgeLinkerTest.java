package io.panopticon.query.servicemap;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.panopticon.query.metrics.Figures;
import io.panopticon.query.metrics.MetricsQuery;

import static org.assertj.core.api.Assertions.assertThat;

class EdgeLinkerTest {

	@Test
	void clientSpanWithAServerChildInAnotherServiceIsACallCountedWithTheClient() {
		EdgeLinker linker = new EdgeLinker();
		linker.addAll(List.of(span("t1", "a", null, "gateway", "SERVER", 100, false),
				span("t1", "b", "a", "gateway", "CLIENT", 100, true),
				span("t1", "c", "b", "orders", "SERVER", 101, false)));
		Map<String, Figures> edges = linker.edges((millis) -> true, null);
		assertThat(edges).containsOnlyKeys(MetricsQuery.edgeKey("gateway", "orders"));
		Figures call = edges.get(MetricsQuery.edgeKey("gateway", "orders"));
		assertThat(call.requests()).isEqualTo(1);
		// The client span's error and duration, not the server's.
		assertThat(call.errors()).isEqualTo(1);
		assertThat(call.durationSumMicros()).isEqualTo(5_000);
	}

	@Test
	void clientSpanWithoutChildButWithPeerServiceCallsThePeer() {
		EdgeLinker linker = new EdgeLinker();
		CallSpan query = new CallSpan("t1", "b", "a", "orders", "prod", "CLIENT", false, 700, 330, "postgres", 100);
		linker.addAll(List.of(query));
		assertThat(linker.edges((millis) -> true, null)).containsOnlyKeys(MetricsQuery.edgeKey("orders", "postgres"));
		assertThat(linker.edges((millis) -> true, "prod")).hasSize(1);
		assertThat(linker.edges((millis) -> true, "staging")).isEmpty();
	}

	@Test
	void serverSpanWhoseParentIsNotAClientIsACallCountedWithTheServer() {
		EdgeLinker linker = new EdgeLinker();
		linker.addAll(List.of(span("t1", "a", null, "orders", "INTERNAL", 100, false),
				span("t1", "c", "a", "inventory", "SERVER", 101, true)));
		Map<String, Figures> edges = linker.edges((millis) -> true, null);
		assertThat(edges).containsOnlyKeys(MetricsQuery.edgeKey("orders", "inventory"));
		assertThat(edges.get(MetricsQuery.edgeKey("orders", "inventory")).errors()).isEqualTo(1);
	}

	@Test
	void aCallFromWithinTheSameServiceOrMeasuredByAClientIsNotCountedWithTheCallee() {
		EdgeLinker linker = new EdgeLinker();
		linker.addAll(List.of(span("t1", "a", null, "orders", "SERVER", 100, false),
				span("t1", "c", "a", "orders", "INTERNAL", 101, false),
				span("t1", "b", "a", "orders", "CLIENT", 100, false),
				span("t1", "d", "b", "payments", "INTERNAL", 101, false)));
		// The INTERNAL child of a client span in another service is its callee.
		assertThat(linker.edges((millis) -> true, null)).containsOnlyKeys(MetricsQuery.edgeKey("orders", "payments"));
	}

	@Test
	void zipkinSharedSpanIdsCountTheCallOnce() {
		EdgeLinker linker = new EdgeLinker();
		linker.addAll(List.of(span("t1", "a", null, "gateway", "SERVER", 100, false),
				span("t1", "b", "a", "gateway", "CLIENT", 100, false),
				span("t1", "b", "a", "orders", "SERVER", 101, false)));
		Map<String, Figures> edges = linker.edges((millis) -> true, null);
		assertThat(edges).containsOnlyKeys(MetricsQuery.edgeKey("gateway", "orders"));
		assertThat(edges.get(MetricsQuery.edgeKey("gateway", "orders")).requests()).isEqualTo(1);
	}

	@Test
	void onlyCallsStartingInTheCountedPartCountAndDuplicatesCountOnce() {
		EdgeLinker linker = new EdgeLinker();
		CallSpan early = span("t1", "b", "a", "gateway", "CLIENT", 100, false);
		CallSpan late = span("t2", "b", "a", "gateway", "CLIENT", 200, false);
		linker.addAll(List.of(early, late, span("t1", "c", "b", "orders", "SERVER", 101, false),
				span("t2", "c", "b", "orders", "SERVER", 201, false)));
		linker.addAll(List.of(late));
		Map<String, Figures> edges = linker.edges((millis) -> millis >= 150, null);
		assertThat(edges.get(MetricsQuery.edgeKey("gateway", "orders")).requests()).isEqualTo(1);
	}

	@Test
	void aServerWithAnUnknownParentIsNoCall() {
		EdgeLinker linker = new EdgeLinker();
		CallSpan orphan = span("t1", "c", "zz", "orders", "SERVER", 101, false);
		linker.addAll(List.of(orphan));
		assertThat(linker.hasParent(orphan)).isFalse();
		assertThat(linker.edges((millis) -> true, null)).isEmpty();
	}

	private static CallSpan span(String trace, String id, String parent, String service, String kind, long millis,
			boolean error) {
		return new CallSpan(trace, id, parent, service, "prod", kind, error, 5_000, 431, null, millis);
	}

}
