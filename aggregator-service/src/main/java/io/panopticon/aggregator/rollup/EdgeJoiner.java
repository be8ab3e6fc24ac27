package io.panopticon.aggregator.rollup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the service-map edges (caller service → callee) of a time range from the spans of
 * that range widened by the edge slack, fed trace by trace (sorted by trace id), and adds
 * one call per edge to the minute rollups of the span that measures the call:
 * <ul>
 * <li>A CLIENT or PRODUCER span of the range is a call from its service to the service of
 * each of its children that runs in another service (children are SERVER, CONSUMER or any
 * spans whose parent id is the span's id, or, as Zipkin clients report them, SERVER or
 * CONSUMER spans sharing its span id). It measures the call: its duration, latency bucket
 * and error count. Without such a child, a span with a {@code peerService} is a call to
 * that peer, which is not instrumented (a database, a broker, a third-party API).</li>
 * <li>Any other span of the range whose parent runs in another service and is not a
 * CLIENT or PRODUCER span (the caller made the call without a client span) is a call from
 * the parent's service to the span's service, measured by the span itself.</li>
 * </ul>
 * Each call is counted once, in the minute its measuring span started, with the
 * environment of the calling span. Memory holds one trace's spans of the window at a
 * time; a trace with more than {@code maxTraceSpans} of them has its further spans left
 * out of the join, and is counted in {@link #truncatedTraces()}.
 * <p>
 * Not thread-safe.
 */
final class EdgeJoiner {

	private final long from;

	private final long to;

	private final RollupSet sink;

	private final int maxTraceSpans;

	private final List<SpanRef> trace = new ArrayList<>();

	private String traceId;

	private boolean truncated;

	private long truncatedTraces;

	private long calls;

	/**
	 * Creates a join.
	 * @param from the start of the range whose calls are counted, inclusive
	 * @param to the end of that range, exclusive
	 * @param sink where the edge rollups go (minute resolution)
	 * @param maxTraceSpans the most spans of one trace the join holds
	 */
	EdgeJoiner(Instant from, Instant to, RollupSet sink, int maxTraceSpans) {
		this.from = from.toEpochMilli();
		this.to = to.toEpochMilli();
		this.sink = sink;
		this.maxTraceSpans = maxTraceSpans;
	}

	/**
	 * Takes the next span; spans must come grouped by trace id.
	 * @param span the span
	 */
	void accept(SpanRef span) {
		if (!span.traceId().equals(this.traceId)) {
			flush();
			this.traceId = span.traceId();
		}
		if (this.trace.size() < this.maxTraceSpans) {
			this.trace.add(span);
		}
		else if (!this.truncated) {
			this.truncated = true;
			this.truncatedTraces++;
		}
	}

	/**
	 * Joins the last trace; call once after the last span.
	 */
	void finish() {
		flush();
		this.traceId = null;
	}

	long truncatedTraces() {
		return this.truncatedTraces;
	}

	/**
	 * Returns how many calls were counted.
	 * @return the calls
	 */
	long calls() {
		return this.calls;
	}

	private void flush() {
		if (this.trace.isEmpty()) {
			return;
		}
		Map<String, List<SpanRef>> byId = new HashMap<>();
		Map<String, List<SpanRef>> byParent = new HashMap<>();
		for (SpanRef span : this.trace) {
			byId.computeIfAbsent(span.spanId(), (id) -> new ArrayList<>(1)).add(span);
			if (span.parentSpanId() != null) {
				byParent.computeIfAbsent(span.parentSpanId(), (id) -> new ArrayList<>(2)).add(span);
			}
		}
		for (SpanRef span : this.trace) {
			if (span.startMillis() < this.from || span.startMillis() >= this.to) {
				continue;
			}
			if (span.isCaller()) {
				callsOf(span, byId, byParent);
			}
			else {
				callInto(span, byId);
			}
		}
		this.trace.clear();
		this.truncated = false;
	}

	private void callsOf(SpanRef caller, Map<String, List<SpanRef>> byId, Map<String, List<SpanRef>> byParent) {
		// Sorted, so that the order of the documents written does not depend on the
		// order the spans came in.
		Set<String> callees = new TreeSet<>();
		for (SpanRef child : byParent.getOrDefault(caller.spanId(), List.of())) {
			if (!child.serviceName().equals(caller.serviceName())) {
				callees.add(child.serviceName());
			}
		}
		for (SpanRef shared : byId.getOrDefault(caller.spanId(), List.of())) {
			if (shared != caller && shared.isCallee() && !shared.serviceName().equals(caller.serviceName())) {
				callees.add(shared.serviceName());
			}
		}
		if (callees.isEmpty() && caller.peerService() != null) {
			callees.add(caller.peerService());
		}
		for (String callee : callees) {
			count(caller, RollupKey.edge(caller.serviceName(), caller.environment(), callee));
		}
	}

	private void callInto(SpanRef span, Map<String, List<SpanRef>> byId) {
		if (span.isCallee()) {
			for (SpanRef shared : byId.getOrDefault(span.spanId(), List.of())) {
				if (shared.isCaller() && !shared.serviceName().equals(span.serviceName())) {
					// A Zipkin-style shared span: the client side measures the call.
					return;
				}
			}
		}
		if (span.parentSpanId() == null) {
			return;
		}
		List<SpanRef> parents = byId.getOrDefault(span.parentSpanId(), List.of());
		SpanRef caller = null;
		for (SpanRef parent : parents) {
			if (parent.serviceName().equals(span.serviceName())) {
				// Called from within its own service (with shared ids, the server side
				// of the parent's call).
				return;
			}
			if (parent.isCaller()) {
				// The parent's client span measures this call.
				return;
			}
			if (caller == null) {
				caller = parent;
			}
		}
		if (caller != null) {
			count(span, RollupKey.edge(caller.serviceName(), caller.environment(), span.serviceName()));
		}
	}

	private void count(SpanRef measuring, RollupKey key) {
		Instant minute = Instant.ofEpochMilli(measuring.startMillis() - Math.floorMod(measuring.startMillis(), 60_000));
		this.sink.get(minute, Objects.requireNonNull(key))
			.add(measuring.durationMicros(), measuring.latencyBucket(), measuring.error());
		this.calls++;
	}

}
