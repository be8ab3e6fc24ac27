package io.panopticon.aggregator.rollup;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

import io.panopticon.common.telemetry.Span;
import io.panopticon.common.telemetry.SpanKind;
import io.panopticon.demo.Trace;
import io.panopticon.demo.TrafficModel;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service map of generated topologies has every edge with the exact calls, errors and
 * latencies: calls between instrumented services (also when the callee's span starts in
 * the next minute, and with Zipkin-style shared span ids), calls into uninstrumented
 * peers (databases, brokers), a message whose consumer is instrumented (counted towards
 * the consumer, not the broker), and a service called without a client span.
 */
@TestPropertySource(properties = { "panopticon.aggregator.catch-up-horizon=3h" })
class ServiceMapIT extends RollupIT {

	private static final Instant NOW = Instant.parse("2026-06-10T12:00:20Z");

	private static final Instant FROM = Instant.parse("2026-06-10T09:00:00Z");

	private static final Instant TO = Instant.parse("2026-06-10T12:00:00Z");

	@Test
	void serviceMapsOfGeneratedTopologiesHaveEveryEdge() {
		Map<String, Figures.Accumulator> expected = new TreeMap<>();
		List<Span> handMade = handMadeTopology(expected);
		List<Trace> sampleTraffic = sampleTraffic();
		List<Span> all = new ArrayList<>(handMade);
		sampleTraffic.forEach((trace) -> all.addAll(trace.spans()));
		this.spans.write(all);
		this.clock.set(NOW);

		assertThat(this.worker.runPass().result().minutes()).isEqualTo(180);

		// The hand-made topology: every edge of every minute and hour, exactly.
		Map<String, Figures> edges = this.docs.rollups(FROM, TO, List.of("edge"));
		Map<String, Figures> handMadeEdges = new TreeMap<>();
		edges.forEach((key, figures) -> {
			if (key.contains("|map-")) {
				handMadeEdges.put(key, figures);
			}
		});
		Map<String, Figures> expectedFigures = new TreeMap<>();
		expected.forEach((key, accumulator) -> expectedFigures.put(key, accumulator.figures()));
		assertThat(handMadeEdges).isEqualTo(expectedFigures);
		assertThat(handMadeEdges.keySet().stream().map(ServiceMapIT::edgeOf).distinct().sorted().toList())
			.containsExactly("map-gateway->map-cart", "map-gateway->map-legacy", "map-gateway->map-orders",
					"map-orders->kafka", "map-orders->map-notifications", "map-orders->map-payments",
					"map-orders->postgres");

		// The sample traffic: every caller → callee pair of its traces, with its calls.
		Map<String, Long> expectedCalls = callsOf(sampleTraffic);
		Map<String, Long> hourlyCalls = new TreeMap<>();
		edges.forEach((key, figures) -> {
			if (key.startsWith("1h|2026-06-10T09:00:00Z|edge|") && !key.contains("|map-")) {
				hourlyCalls.merge(edgeOf(key), figures.requests(), Long::sum);
			}
		});
		assertThat(expectedCalls).hasSizeGreaterThan(20).containsKeys("orders->postgres", "web-gateway->orders");
		assertThat(hourlyCalls).isEqualTo(expectedCalls);
	}

	/**
	 * 300 traces in 10:00-11:00, some of them crossing a minute boundary between caller
	 * and callee. Records the expected minute and hour edge figures.
	 */
	private static List<Span> handMadeTopology(Map<String, Figures.Accumulator> expected) {
		SplittableRandom random = new SplittableRandom(610);
		List<Span> spans = new ArrayList<>();
		long ids = 1;
		for (int i = 0; i < 300; i++) {
			String trace = Spans.traceId(i);
			Instant start = Instant.parse("2026-06-10T10:00:00Z").plusMillis(random.nextLong(3_595_000));
			if (i % 10 == 0) {
				// Right before a minute ends: the callees start in the next minute.
				start = Instant.parse("2026-06-10T10:00:00Z").plusSeconds(60L * (i / 10) + 59).plusMillis(995);
			}
			String root = Spans.id(ids++);
			spans.add(Spans.span(trace, root, null, SpanKind.SERVER, "map-gateway", start, 90_000, null, false));
			// gateway → orders: a client span with the server span as its child.
			String toOrders = Spans.id(ids++);
			long ordersCall = 60_000 + random.nextInt(10_000);
			boolean ordersFailed = i % 9 == 0;
			spans.add(Spans.span(trace, toOrders, root, SpanKind.CLIENT, "map-gateway", start.plusMillis(1), ordersCall,
					"map-orders", ordersFailed));
			expect(expected, start.plusMillis(1), "map-gateway", "map-orders", ordersCall, ordersFailed);
			String orders = Spans.id(ids++);
			Instant ordersStart = start.plusMillis(6);
			spans.add(Spans.span(trace, orders, toOrders, SpanKind.SERVER, "map-orders", ordersStart, ordersCall - 2000,
					null, ordersFailed));
			spans.add(Spans.span(trace, Spans.id(ids++), orders, SpanKind.INTERNAL, "map-orders",
					ordersStart.plusMillis(1), 500, null, false));
			// orders → postgres, not instrumented.
			long query = 1_000 + random.nextInt(3_000);
			boolean queryFailed = i % 5 == 0;
			spans.add(Spans.span(trace, Spans.id(ids++), orders, SpanKind.CLIENT, "map-orders",
					ordersStart.plusMillis(2), query, "postgres", queryFailed));
			expect(expected, ordersStart.plusMillis(2), "map-orders", "postgres", query, queryFailed);
			// orders → payments: the peer name of the client span and an instrumented
			// callee.
			String toPayments = Spans.id(ids++);
			long pay = 20_000 + random.nextInt(5_000);
			spans.add(Spans.span(trace, toPayments, orders, SpanKind.CLIENT, "map-orders", ordersStart.plusMillis(10),
					pay, "map-payments", false));
			expect(expected, ordersStart.plusMillis(10), "map-orders", "map-payments", pay, false);
			spans.add(Spans.span(trace, Spans.id(ids++), toPayments, SpanKind.SERVER, "map-payments",
					ordersStart.plusMillis(11), pay - 1_000, null, false));
			// orders → Kafka → notifications: consumed by an instrumented service in most
			// traces, by nobody instrumented in every seventh.
			String produce = Spans.id(ids++);
			long publish = 2_000 + random.nextInt(500);
			spans.add(Spans.span(trace, produce, orders, SpanKind.PRODUCER, "map-orders", ordersStart.plusMillis(40),
					publish, "kafka", false));
			if (i % 7 == 0) {
				expect(expected, ordersStart.plusMillis(40), "map-orders", "kafka", publish, false);
			}
			else {
				expect(expected, ordersStart.plusMillis(40), "map-orders", "map-notifications", publish, false);
				spans.add(Spans.span(trace, Spans.id(ids++), produce, SpanKind.CONSUMER, "map-notifications",
						ordersStart.plusMillis(45), 3_000, null, false));
			}
			// gateway → cart, reported Zipkin-style: client and server share a span id.
			String shared = Spans.id(ids++);
			long cart = 5_000 + random.nextInt(1_000);
			spans.add(Spans.span(trace, shared, root, SpanKind.CLIENT, "map-gateway", start.plusMillis(70), cart, null,
					false));
			spans.add(Spans.span(trace, shared, root, SpanKind.SERVER, "map-cart", start.plusMillis(71), cart - 500,
					null, false));
			expect(expected, start.plusMillis(70), "map-gateway", "map-cart", cart, false);
			// gateway → legacy without a client span: the server span measures the call.
			long legacy = 7_000 + random.nextInt(1_000);
			boolean legacyFailed = i % 4 == 0;
			spans.add(Spans.span(trace, Spans.id(ids++), root, SpanKind.SERVER, "map-legacy", start.plusMillis(80),
					legacy, null, legacyFailed));
			expect(expected, start.plusMillis(80), "map-gateway", "map-legacy", legacy, legacyFailed);
		}
		return spans;
	}

	private static void expect(Map<String, Figures.Accumulator> expected, Instant start, String caller, String callee,
			long micros, boolean error) {
		long startMicros = SpanFixtures.micros(start);
		expected
			.computeIfAbsent(Figures.key("1m", Figures.minuteOf(startMicros), "edge", caller, "prod", callee),
					(key) -> new Figures.Accumulator())
			.add(micros, error);
		expected
			.computeIfAbsent(Figures.key("1h", Figures.hourOf(startMicros), "edge", caller, "prod", callee),
					(key) -> new Figures.Accumulator())
			.add(micros, error);
	}

	/** The sample traffic of the demo module, 400 traces in 09:05-09:55. */
	private static List<Trace> sampleTraffic() {
		List<Trace> traces = new ArrayList<>();
		Instant[] now = { Instant.parse("2026-06-10T09:05:00Z") };
		TrafficModel model = new TrafficModel(20260610, new Clock() {

			@Override
			public Instant instant() {
				return now[0];
			}

			@Override
			public java.time.ZoneId getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(java.time.ZoneId zone) {
				return this;
			}

		});
		for (int i = 0; i < 400; i++) {
			now[0] = Instant.parse("2026-06-10T09:05:00Z").plusMillis(7_500L * i);
			traces.add(model.next());
		}
		return traces;
	}

	/**
	 * The calls per caller → callee of whole traces, by the definition: a client or
	 * producer span calls the services of its children in other services, else its peer.
	 */
	private static Map<String, Long> callsOf(List<Trace> traces) {
		Map<String, Long> calls = new TreeMap<>();
		for (Trace trace : traces) {
			Map<String, List<Span>> children = new HashMap<>();
			for (Span span : trace.spans()) {
				if (span.parentSpanId() != null) {
					children.computeIfAbsent(span.parentSpanId(), (id) -> new ArrayList<>()).add(span);
				}
			}
			for (Span span : trace.spans()) {
				if (span.kind() != SpanKind.CLIENT && span.kind() != SpanKind.PRODUCER) {
					continue;
				}
				TreeSet<String> callees = new TreeSet<>();
				for (Span child : children.getOrDefault(span.spanId(), List.of())) {
					if (!child.serviceName().equals(span.serviceName())) {
						callees.add(child.serviceName());
					}
				}
				if (callees.isEmpty() && span.peerService() != null) {
					callees.add(span.peerService());
				}
				callees.forEach((callee) -> calls.merge(span.serviceName() + "->" + callee, 1L, Long::sum));
			}
		}
		return calls;
	}

	/** {@code caller->callee} of a key. */
	private static String edgeOf(String key) {
		String[] parts = key.split("\\|", -1);
		return parts[3] + "->" + parts[5];
	}

}
