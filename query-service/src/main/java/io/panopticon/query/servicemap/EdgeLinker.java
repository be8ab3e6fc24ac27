package io.panopticon.query.servicemap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongPredicate;

import io.panopticon.query.metrics.Figures;
import io.panopticon.query.metrics.MetricsQuery;

/**
 * Finds the calls between services among raw spans, by the rules the aggregator's edge
 * rollups follow, so that a range answered partly from rollups and partly from raw spans
 * counts every call once:
 * <ul>
 * <li>a CLIENT or PRODUCER span is a call from its service to the service of each of its
 * children that runs in another service (or, as Zipkin clients record it, of a SERVER or
 * CONSUMER span sharing its span id), counted with the caller's span;</li>
 * <li>a CLIENT or PRODUCER span without such a child but with a {@code peerService} is a
 * call to that uninstrumented peer;</li>
 * <li>any other span whose parent runs in another service and is not a CLIENT or PRODUCER
 * span (the caller is not instrumented for outgoing calls) is a call from the parent's
 * service, counted with the span itself.</li>
 * </ul>
 * A call belongs to the time of the span it is counted with, and to the environment of
 * the calling side. Plain Java.
 */
final class EdgeLinker {

	private final Map<String, List<CallSpan>> byId = new HashMap<>();

	private final Map<String, List<CallSpan>> children = new HashMap<>();

	/**
	 * Adds spans to link: those whose calls are counted and those that only serve as
	 * parents or children. A span added twice counts once.
	 * @param spans the spans
	 */
	void addAll(Collection<CallSpan> spans) {
		for (CallSpan span : spans) {
			List<CallSpan> same = this.byId.computeIfAbsent(span.key(), (key) -> new ArrayList<>(1));
			if (same.contains(span)) {
				continue;
			}
			same.add(span);
			if (span.parentKey() != null) {
				this.children.computeIfAbsent(span.parentKey(), (key) -> new ArrayList<>(1)).add(span);
			}
		}
	}

	/**
	 * Returns whether the parent of a span is known.
	 * @param span a span
	 * @return whether a span with its parent's id was added
	 */
	boolean hasParent(CallSpan span) {
		return span.parentKey() == null || this.byId.containsKey(span.parentKey());
	}

	/**
	 * Counts the calls of the spans whose time is counted.
	 * @param counted whether a span's start (epoch milliseconds) is in the counted part
	 * of the range
	 * @param environment only calls whose calling side is in this environment, or
	 * {@code null} for all
	 * @return figures per edge key ({@link MetricsQuery#edgeKey})
	 */
	Map<String, Figures> edges(LongPredicate counted, String environment) {
		Map<String, Figures> edges = new HashMap<>();
		for (List<CallSpan> spans : this.byId.values()) {
			for (CallSpan span : spans) {
				if (!counted.test(span.timestampMillis())) {
					continue;
				}
				if (span.isCaller()) {
					if (!matches(environment, span)) {
						continue;
					}
					Set<String> callees = calleesOf(span);
					if (callees.isEmpty() && span.peerService() != null) {
						callees.add(span.peerService());
					}
					for (String callee : callees) {
						count(edges, span.service(), callee, span);
					}
				}
				else if (span.parentKey() != null && !sharesIdWithCaller(span)) {
					CallSpan caller = callerOf(span);
					if (caller != null && matches(environment, caller)) {
						count(edges, caller.service(), span.service(), span);
					}
				}
			}
		}
		return edges;
	}

	/**
	 * The parent in another service that called a span without a client span of its own,
	 * or {@code null}.
	 */
	private CallSpan callerOf(CallSpan span) {
		CallSpan caller = null;
		for (CallSpan parent : this.byId.getOrDefault(span.parentKey(), List.of())) {
			if (parent.service().equals(span.service()) || parent.isCaller()) {
				// Called from within its own service, or measured by the parent's
				// client span.
				return null;
			}
			if (caller == null) {
				caller = parent;
			}
		}
		return caller;
	}

	private static boolean matches(String environment, CallSpan caller) {
		return environment == null || environment.equals(caller.environment());
	}

	/** A Zipkin-style server span: its call is counted with the client span. */
	private boolean sharesIdWithCaller(CallSpan callee) {
		for (CallSpan shared : this.byId.getOrDefault(callee.key(), List.of())) {
			if (shared.isCaller() && !shared.service().equals(callee.service())) {
				return true;
			}
		}
		return false;
	}

	private Set<String> calleesOf(CallSpan caller) {
		Set<String> callees = new TreeSet<>();
		for (CallSpan child : this.children.getOrDefault(caller.key(), List.of())) {
			if (!child.service().equals(caller.service())) {
				callees.add(child.service());
			}
		}
		for (CallSpan shared : this.byId.getOrDefault(caller.key(), List.of())) {
			if (shared.isCallee() && !shared.service().equals(caller.service())) {
				callees.add(shared.service());
			}
		}
		return callees;
	}

	private static void count(Map<String, Figures> edges, String caller, String callee, CallSpan span) {
		edges.computeIfAbsent(MetricsQuery.edgeKey(caller, callee), (key) -> new Figures())
			.addSpan(span.error(), span.durationMicros(), span.latencyBucket());
	}

}
