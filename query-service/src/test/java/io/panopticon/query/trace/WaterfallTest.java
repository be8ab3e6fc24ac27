package io.panopticon.query.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WaterfallTest {

	@Test
	void depthFirstWithSiblingsByStartTime() {
		// root ─┬─ b (starts at 30) ── d
		// └─ a (starts at 10) ── c
		List<Waterfall.Span> spans = List.of(span("b", "root", "CLIENT", 30), span("root", null, "SERVER", 0),
				span("d", "b", "SERVER", 35), span("a", "root", "CLIENT", 10), span("c", "a", "SERVER", 12));
		Waterfall waterfall = Waterfall.of(spans);
		assertThat(ids(spans, waterfall)).containsExactly("root", "a", "c", "b", "d");
		assertThat(waterfall.rows()).extracting(Waterfall.Row::depth).containsExactly(0, 1, 2, 1, 2);
		assertThat(waterfall.rows()).extracting(Waterfall.Row::parent).containsExactly(null, 0, 1, 0, 3);
		assertThat(waterfall.rows().get(0).children()).containsExactly(1, 3);
		assertThat(waterfall.rows().get(2).children()).isEmpty();
	}

	@Test
	void sharedClientAndServerSpanIdNestsTheServerUnderTheClient() {
		// Zipkin style: the client span and the server span it reached have one id.
		List<Waterfall.Span> spans = List.of(span("root", null, "SERVER", 0), span("x", "root", "CLIENT", 5),
				span("x", "root", "SERVER", 6), span("y", "x", "CLIENT", 7));
		Waterfall waterfall = Waterfall.of(spans);
		assertThat(waterfall.rows()).extracting(Waterfall.Row::span).containsExactly(0, 1, 2, 3);
		assertThat(waterfall.rows()).extracting(Waterfall.Row::depth).containsExactly(0, 1, 2, 3);
		assertThat(waterfall.rowOf("x", "payments")).isEqualTo(2);
		assertThat(waterfall.rowOf("x", "orders")).isEqualTo(1);
		assertThat(waterfall.rowOf("unknown", "orders")).isNull();
		assertThat(waterfall.rowOf(null, "orders")).isNull();
	}

	@Test
	void spanWhoseParentIsMissingBecomesARoot() {
		List<Waterfall.Span> spans = List.of(span("late", "gone", "SERVER", 50), span("root", null, "SERVER", 0),
				span("child", "root", "INTERNAL", 1));
		Waterfall waterfall = Waterfall.of(spans);
		assertThat(ids(spans, waterfall)).containsExactly("root", "child", "late");
		assertThat(waterfall.rows()).extracting(Waterfall.Row::parent).containsExactly(null, 0, null);
	}

	@Test
	void cyclesAreBrokenAndEverySpanAppearsOnce() {
		List<Waterfall.Span> spans = List.of(span("a", "c", "INTERNAL", 0), span("b", "a", "INTERNAL", 1),
				span("c", "b", "INTERNAL", 2), span("self", "self", "INTERNAL", 3));
		Waterfall waterfall = Waterfall.of(spans);
		assertThat(waterfall.rows()).hasSize(4);
		assertThat(waterfall.rows()).extracting(Waterfall.Row::span).containsExactlyInAnyOrder(0, 1, 2, 3);
		assertThat(waterfall.rows()).filteredOn((row) -> row.parent() == null).hasSize(2);
	}

	@Test
	void deepTraceDoesNotOverflowTheStack() {
		List<Waterfall.Span> spans = new ArrayList<>();
		spans.add(span("s0", null, "SERVER", 0));
		for (int i = 1; i < 20_000; i++) {
			spans.add(span("s" + i, "s" + (i - 1), "INTERNAL", i));
		}
		Collections.reverse(spans);
		Waterfall waterfall = Waterfall.of(spans);
		assertThat(waterfall.rows().get(19_999).depth()).isEqualTo(19_999);
		assertThat(spans.get(waterfall.rows().get(0).span()).spanId()).isEqualTo("s0");
	}

	private static Waterfall.Span span(String id, String parent, String kind, long start) {
		return new Waterfall.Span(id, parent, kind, "CLIENT".equals(kind) ? "orders" : "payments", start);
	}

	private static List<String> ids(List<Waterfall.Span> spans, Waterfall waterfall) {
		return waterfall.rows().stream().map((row) -> spans.get(row.span()).spanId()).toList();
	}

}
