package io.panopticon.query.trace;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rows of a trace's waterfall: spans linked to their parents and children, in
 * depth-first order from the roots, siblings (and roots) by start time, each with its
 * depth. Plain Java; a unit test drives it.
 * <p>
 * Linking follows the parent span id, with two cases real traces have:
 * <ul>
 * <li>A span id shared by a client and a server span (Zipkin instrumentation does that;
 * the document ids differ by kind): the server (or consumer) span is the child of the
 * client (or producer) span, and children naming that id hang under the server side.</li>
 * <li>A parent that is not among the spans (not received, or cut off by the span cap), or
 * a cycle in bad data: the span becomes a root of its own, so every span appears exactly
 * once.</li>
 * </ul>
 */
final class Waterfall {

	private final List<Span> spans;

	private final List<Row> rows;

	private final int[] rowOfSpan;

	private final Map<String, List<Integer>> spansById;

	private Waterfall(List<Span> spans, List<Row> rows, int[] rowOfSpan, Map<String, List<Integer>> spansById) {
		this.spans = spans;
		this.rows = rows;
		this.rowOfSpan = rowOfSpan;
		this.spansById = spansById;
	}

	/**
	 * Lays out the spans of a trace.
	 * @param spans the spans, in any order
	 * @return the waterfall
	 */
	static Waterfall of(List<Span> spans) {
		int count = spans.size();
		Map<String, List<Integer>> byId = new HashMap<>();
		for (int i = 0; i < count; i++) {
			byId.computeIfAbsent(spans.get(i).spanId(), (id) -> new ArrayList<>()).add(i);
		}
		int[] parent = new int[count];
		for (int i = 0; i < count; i++) {
			parent[i] = parentOf(i, spans, byId);
		}
		breakCycles(parent);
		List<List<Integer>> children = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			children.add(new ArrayList<>());
		}
		List<Integer> roots = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			if (parent[i] < 0) {
				roots.add(i);
			}
			else {
				children.get(parent[i]).add(i);
			}
		}
		roots.sort((a, b) -> compare(spans, a, b));
		children.forEach((list) -> list.sort((a, b) -> compare(spans, a, b)));

		// Depth-first, without recursion: a trace may be thousands of spans deep.
		int[] rowOfSpan = new int[count];
		int[] depth = new int[count];
		List<Integer> order = new ArrayList<>(count);
		Deque<Integer> stack = new ArrayDeque<>();
		for (int r = roots.size() - 1; r >= 0; r--) {
			stack.push(roots.get(r));
		}
		while (!stack.isEmpty()) {
			int span = stack.pop();
			rowOfSpan[span] = order.size();
			order.add(span);
			List<Integer> kids = children.get(span);
			for (int k = kids.size() - 1; k >= 0; k--) {
				depth[kids.get(k)] = depth[span] + 1;
				stack.push(kids.get(k));
			}
		}
		List<Row> rows = new ArrayList<>(count);
		for (int span : order) {
			List<Integer> childRows = children.get(span).stream().map((child) -> rowOfSpan[child]).toList();
			rows.add(new Row(span, depth[span], (parent[span] < 0) ? null : rowOfSpan[parent[span]], childRows));
		}
		return new Waterfall(spans, List.copyOf(rows), rowOfSpan, byId);
	}

	private static int parentOf(int i, List<Span> spans, Map<String, List<Integer>> byId) {
		Span span = spans.get(i);
		if (span.isCallee()) {
			for (int other : byId.get(span.spanId())) {
				if (other != i && spans.get(other).isCaller()) {
					return other;
				}
			}
		}
		if (span.parentSpanId() == null) {
			return -1;
		}
		List<Integer> candidates = byId.get(span.parentSpanId());
		return (candidates != null) ? preferred(candidates, spans, i) : -1;
	}

	/**
	 * Of the spans sharing an id, the one its children hang under: the callee side when
	 * there is one, else the earliest.
	 */
	private static int preferred(List<Integer> candidates, List<Span> spans, int excluded) {
		int chosen = -1;
		for (int candidate : candidates) {
			if (candidate == excluded) {
				continue;
			}
			if (spans.get(candidate).isCallee()) {
				return candidate;
			}
			if (chosen < 0 || compare(spans, candidate, chosen) < 0) {
				chosen = candidate;
			}
		}
		return chosen;
	}

	/** Makes the span that closes a cycle a root; linear in the number of spans. */
	private static void breakCycles(int[] parent) {
		final int unvisited = 0;
		final int onPath = 1;
		final int done = 2;
		int[] state = new int[parent.length];
		List<Integer> path = new ArrayList<>();
		for (int start = 0; start < parent.length; start++) {
			path.clear();
			int node = start;
			while (node >= 0 && state[node] == unvisited) {
				state[node] = onPath;
				path.add(node);
				node = parent[node];
			}
			if (node >= 0 && state[node] == onPath) {
				parent[node] = -1;
			}
			for (int visited : path) {
				state[visited] = done;
			}
		}
	}

	private static int compare(List<Span> spans, int a, int b) {
		int byStart = Long.compare(spans.get(a).startMicros(), spans.get(b).startMicros());
		return (byStart != 0) ? byStart : Integer.compare(a, b);
	}

	/**
	 * Returns the rows, in waterfall order.
	 * @return the rows
	 */
	List<Row> rows() {
		return this.rows;
	}

	/**
	 * Returns the row of the span a log event names: of the spans with that id, the one
	 * of the event's service, else the one children would hang under.
	 * @param spanId the event's span id, or {@code null}
	 * @param serviceName the event's service
	 * @return the row, or {@code null} when no span has the id
	 */
	Integer rowOf(String spanId, String serviceName) {
		List<Integer> candidates = (spanId != null) ? this.spansById.get(spanId) : null;
		if (candidates == null) {
			return null;
		}
		for (int candidate : candidates) {
			if (Objects.equals(this.spans.get(candidate).serviceName(), serviceName)) {
				return this.rowOfSpan[candidate];
			}
		}
		return this.rowOfSpan[preferred(candidates, this.spans, -1)];
	}

	@Override
	public String toString() {
		return Arrays.toString(this.rows.toArray());
	}

	/**
	 * What the layout needs of a span.
	 *
	 * @param spanId the span id
	 * @param parentSpanId the parent's span id, or {@code null}
	 * @param kind the kind
	 * @param serviceName the service
	 * @param startMicros the start, epoch microseconds
	 */
	record Span(String spanId, String parentSpanId, String kind, String serviceName, long startMicros) {

		boolean isCallee() {
			return "SERVER".equals(this.kind) || "CONSUMER".equals(this.kind);
		}

		boolean isCaller() {
			return "CLIENT".equals(this.kind) || "PRODUCER".equals(this.kind);
		}

	}

	/**
	 * One row of the waterfall.
	 *
	 * @param span the position of the span in the input list
	 * @param depth 0 for a root
	 * @param parent the parent's row, or {@code null} for a root
	 * @param children the children's rows, by start time
	 */
	record Row(int span, int depth, Integer parent, List<Integer> children) {
	}

}
