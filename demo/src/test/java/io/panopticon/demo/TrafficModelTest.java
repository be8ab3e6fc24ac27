package io.panopticon.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.panopticon.common.telemetry.Decoded;
import io.panopticon.common.telemetry.LogEvent;
import io.panopticon.common.telemetry.LogLevel;
import io.panopticon.common.telemetry.Signals;
import io.panopticon.common.telemetry.Span;
import io.panopticon.common.telemetry.SpanKind;
import io.panopticon.common.telemetry.StatusCode;
import io.panopticon.common.telemetry.TelemetryJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TrafficModel}, mostly over one sample of 10,000 traces.
 */
class TrafficModelTest {

	private static final Instant NOW = Instant.parse("2025-11-21T08:00:00.123456Z");

	private static final long NOW_MICROS = 1763712000123456L;

	private static final int TRACES = 10_000;

	private static List<Trace> sample;

	@BeforeAll
	static void generate() {
		TrafficModel model = new TrafficModel(42, Clock.fixed(NOW, ZoneOffset.UTC));
		sample = new ArrayList<>(TRACES);
		for (int i = 0; i < TRACES; i++) {
			sample.add(model.next());
		}
	}

	@Test
	void everyTraceHasFiveToTwentySpans() {
		for (Trace trace : sample) {
			assertThat(trace.spans()).hasSizeBetween(TrafficModel.MIN_SPANS, TrafficModel.MAX_SPANS);
		}
		Set<Integer> sizes = sample.stream().map((trace) -> trace.spans().size()).collect(Collectors.toSet());
		assertThat(sizes).contains(5, 20);
	}

	@Test
	void spansAndLogsSurviveTheKafkaJsonRoundTrip() {
		for (Trace trace : sample.subList(0, 2_000)) {
			List<Decoded<Span>> spans = TelemetryJson.decodeSpans(trace.spansRecord());
			assertThat(spans).allMatch(Decoded::isValid);
			assertThat(spans.stream().map(Decoded::value).toList()).isEqualTo(trace.spans());
			List<LogEvent> logs = new ArrayList<>();
			trace.logRecordsByService().forEach((service, record) -> {
				List<Decoded<LogEvent>> decoded = TelemetryJson.decodeLogs(record);
				assertThat(decoded).allMatch(Decoded::isValid);
				decoded.forEach((item) -> {
					assertThat(item.value().serviceName()).isEqualTo(service);
					logs.add(item.value());
				});
			});
			assertThat(logs).containsExactlyInAnyOrderElementsOf(trace.logs());
		}
	}

	@Test
	void parentLinksFormOneTreeRootedAtTheGateway() {
		for (Trace trace : sample) {
			Span root = trace.root();
			assertThat(root.parentSpanId()).isNull();
			assertThat(root.kind()).isEqualTo(SpanKind.SERVER);
			assertThat(root.serviceName()).isEqualTo(Topology.GATEWAY);
			Map<String, Span> byId = new HashMap<>();
			Set<String> seen = new HashSet<>();
			for (Span span : trace.spans()) {
				assertThat(span.traceId()).isEqualTo(trace.traceId()).hasSize(32);
				assertThat(byId.put(span.spanId(), span)).as("span ids are unique").isNull();
				if (span != root) {
					// Parents come first, so every parent link points back into the tree.
					assertThat(seen).contains(span.parentSpanId());
					Span parent = byId.get(span.parentSpanId());
					assertThat(span.startTimeMicros()).isGreaterThanOrEqualTo(parent.startTimeMicros());
					assertThat(span.endTimeMicros()).isLessThanOrEqualTo(parent.endTimeMicros());
				}
				seen.add(span.spanId());
			}
		}
	}

	@Test
	void callsBetweenServicesAreClientSpansWithTheCalleesServerSpanAsChild() {
		Set<String> instrumented = Set.copyOf(Topology.SERVICES);
		for (Trace trace : sample.subList(0, 2_000)) {
			Map<String, List<Span>> children = new HashMap<>();
			trace.spans()
				.forEach((span) -> children.computeIfAbsent(span.parentSpanId(), (id) -> new ArrayList<>()).add(span));
			for (Span span : trace.spans()) {
				List<Span> below = children.getOrDefault(span.spanId(), List.of());
				if (span.kind() == SpanKind.SERVER) {
					assertThat(below).allMatch((child) -> child.kind() == SpanKind.CLIENT
							&& child.serviceName().equals(span.serviceName()));
				}
				else if (instrumented.contains(span.peerService())) {
					assertThat(below).singleElement().satisfies((server) -> {
						assertThat(server.kind()).isEqualTo(SpanKind.SERVER);
						assertThat(server.serviceName()).isEqualTo(span.peerService());
						assertThat(server.name()).isEqualTo(span.name());
					});
				}
				else {
					assertThat(span.kind()).isEqualTo(SpanKind.CLIENT);
					assertThat(span.peerService()).isNotNull();
					assertThat(below).isEmpty();
				}
			}
		}
	}

	@Test
	void between1And2PercentOfRequestsFailAtTheGateway() {
		long failed = sample.stream().filter((trace) -> Signals.isError(trace.root())).count();
		assertThat(failed * 100.0 / TRACES).isBetween(1.0, 2.0);
		long withErrors = sample.stream().filter((trace) -> trace.spans().stream().anyMatch(Signals::isError)).count();
		assertThat(withErrors * 100.0 / TRACES).isBetween(1.0, 2.5);
	}

	@Test
	void failingSpansCarryAnExceptionAndAnErrorLog() {
		int failingServerSpans = 0;
		for (Trace trace : sample) {
			Set<String> errorLogSpans = trace.logs()
				.stream()
				.filter((log) -> log.level() == LogLevel.ERROR)
				.map(LogEvent::spanId)
				.collect(Collectors.toSet());
			for (Span span : trace.spans()) {
				if (span.status().code() == StatusCode.ERROR) {
					assertThat(span.events()).singleElement().satisfies((event) -> {
						assertThat(event.name()).isEqualTo("exception");
						assertThat(event.attributes()).containsKeys("exception.type", "exception.message");
					});
				}
				if (span.kind() == SpanKind.SERVER && Signals.isError(span)) {
					failingServerSpans++;
					assertThat(errorLogSpans).contains(span.spanId());
				}
			}
			if (Signals.isError(trace.root())) {
				assertThat(trace.root().httpStatusCode()).isGreaterThanOrEqualTo(500);
			}
		}
		assertThat(failingServerSpans).isPositive();
	}

	@Test
	void failuresTravelUpToTheGatewayUnlessACallerToleratesThem() {
		long tolerated = 0;
		for (Trace trace : sample) {
			Map<String, Span> byId = trace.spans().stream().collect(Collectors.toMap(Span::spanId, (span) -> span));
			for (Span span : trace.spans()) {
				if (span.kind() == SpanKind.CLIENT && Signals.isError(span)) {
					Span caller = byId.get(span.parentSpanId());
					if (!Signals.isError(caller)) {
						tolerated++;
						assertThat(trace.logs()).anyMatch((log) -> log.level() == LogLevel.WARN
								&& log.spanId().equals(span.spanId()) && log.message().contains("continuing without"));
					}
				}
			}
		}
		assertThat(tolerated).isPositive();
	}

	@Test
	void everyServiceEndpointAndDependencyAppears() {
		Set<String> services = new HashSet<>();
		Set<String> endpoints = new HashSet<>();
		Set<String> peers = new HashSet<>();
		for (Trace trace : sample) {
			for (Span span : trace.spans()) {
				services.add(span.serviceName());
				if (span.kind() == SpanKind.SERVER) {
					endpoints.add(span.serviceName() + " " + span.httpMethod() + " " + span.httpRoute());
				}
				else if (!Topology.SERVICES.contains(span.peerService())) {
					peers.add(span.peerService());
				}
			}
		}
		assertThat(services).containsExactlyInAnyOrderElementsOf(Topology.SERVICES).hasSize(10);
		assertThat(endpoints).containsExactlyInAnyOrderElementsOf(
				Topology.ENDPOINTS.stream().map((endpoint) -> endpoint.service() + " " + endpoint.name()).toList());
		assertThat(endpoints).hasSizeBetween(45, 55);
		assertThat(peers).containsExactlyInAnyOrder("postgres", "redis", "kafka", "elasticsearch", "stripe-api",
				"sendgrid-api", "fedex-api");
	}

	@Test
	void aboutOnePercentOfTracesHaveASlowOutlier() {
		long slow = sample.stream()
			.filter((trace) -> trace.logs().stream().anyMatch((log) -> log.message().startsWith("slow call")))
			.count();
		assertThat(slow * 100.0 / TRACES).isBetween(0.5, 2.0);
		for (Trace trace : sample) {
			for (LogEvent log : trace.logs()) {
				if (log.message().startsWith("slow call")) {
					Span span = trace.spans()
						.stream()
						.filter((candidate) -> candidate.spanId().equals(log.spanId()))
						.findFirst()
						.orElseThrow();
					assertThat(span.durationMicros()).isGreaterThanOrEqualTo(600_000);
				}
			}
		}
	}

	@Test
	void mostTracesAreInProductionSomeInStaging() {
		long staging = sample.stream().filter((trace) -> "staging".equals(trace.root().environment())).count();
		assertThat(staging * 100.0 / TRACES).isBetween(5.0, 11.0);
		for (Trace trace : sample.subList(0, 1_000)) {
			String environment = trace.root().environment();
			assertThat(environment).isIn("prod", "staging");
			assertThat(trace.spans()).allMatch((span) -> environment.equals(span.environment())
					&& span.resource().containsKey("host.name") && span.attributes().containsKey("region"));
			assertThat(trace.logs()).allMatch((log) -> environment.equals(log.environment()));
		}
	}

	@Test
	void logsBelongToTheirTraceAndSpan() {
		long logs = 0;
		Set<LogLevel> levels = new HashSet<>();
		for (Trace trace : sample) {
			Map<String, Span> byId = trace.spans().stream().collect(Collectors.toMap(Span::spanId, (span) -> span));
			for (LogEvent log : trace.logs()) {
				logs++;
				levels.add(log.level());
				assertThat(log.traceId()).isEqualTo(trace.traceId());
				Span span = byId.get(log.spanId());
				assertThat(span).isNotNull();
				assertThat(log.serviceName()).isEqualTo(span.serviceName());
				assertThat(log.timestampMicros()).isBetween(span.startTimeMicros(), span.endTimeMicros());
			}
		}
		assertThat(levels).contains(LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR);
		assertThat(logs).isGreaterThan(TRACES);
	}

	@Test
	void tracesEndAtTheClocksInstant() {
		for (Trace trace : sample.subList(0, 1_000)) {
			assertThat(trace.root().endTimeMicros()).isEqualTo(NOW_MICROS);
		}
	}

	@Test
	void theSameSeedGivesTheSameTraces() {
		Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
		TrafficModel first = new TrafficModel(7, clock);
		TrafficModel second = new TrafficModel(7, clock);
		TrafficModel other = new TrafficModel(8, clock);
		for (int i = 0; i < 100; i++) {
			Trace trace = first.next();
			assertThat(second.next()).isEqualTo(trace);
			assertThat(other.next().traceId()).isNotEqualTo(trace.traceId());
		}
	}

	@Test
	void anEncodedSpanIsAboutFiveHundredBytes() {
		long bytes = 0;
		long spans = 0;
		for (Trace trace : sample) {
			for (Span span : trace.spans()) {
				bytes += TelemetryJson.encode(span).length;
				spans++;
			}
		}
		assertThat(bytes / spans).isBetween(400L, 600L);
	}

}
