package io.panopticon.aggregator.rollup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.panopticon.common.telemetry.Span;
import io.panopticon.common.telemetry.SpanKind;
import io.panopticon.common.telemetry.SpanStatus;
import io.panopticon.common.telemetry.StatusCode;

/**
 * Random spans of every kind, status and size for the exactness tests: services with HTTP
 * and non-HTTP endpoints, environments including none, durations from 0 µs to minutes
 * (also right at latency bucket bounds), start times anywhere in a range (also right at
 * minute boundaries).
 */
final class SpanGenerator {

	private static final String[][] ENDPOINTS = { { "GET", "/orders/{id}" }, { "POST", "/orders" },
			{ "DELETE", "/orders/{id}" }, { null, "process-payment" }, { null, "refresh-cache" },
			{ "GET", null, "GET /health" } };

	private static final String[] ENVIRONMENTS = { "prod", "prod", "staging", null };

	private static final SpanKind[] KINDS = { SpanKind.SERVER, SpanKind.SERVER, SpanKind.SERVER, SpanKind.CONSUMER,
			SpanKind.CLIENT, SpanKind.CLIENT, SpanKind.INTERNAL, SpanKind.PRODUCER };

	private final SplittableRandom random;

	SpanGenerator(long seed) {
		this.random = new SplittableRandom(seed);
	}

	/**
	 * Generates spans.
	 * @param prefix the prefix of the service names, which keeps tests apart
	 * @param from the earliest start
	 * @param to the end of the starts, exclusive
	 * @param count how many
	 * @return the spans
	 */
	List<Span> spans(String prefix, Instant from, Instant to, int count) {
		List<Span> spans = new ArrayList<>(count);
		long first = SpanFixtures.micros(from);
		long last = SpanFixtures.micros(to) - 1;
		for (int i = 0; i < count; i++) {
			spans.add(span(prefix + "-" + (char) ('a' + this.random.nextInt(3)), start(first, last)));
		}
		return spans;
	}

	private long start(long first, long last) {
		int pick = this.random.nextInt(20);
		if (pick == 0 || pick == 1) {
			// Right at a minute boundary, or the microsecond before one.
			long minutes = (last - first) / 60_000_000L;
			long boundary = first - Math.floorMod(first, 60_000_000L)
					+ 60_000_000L * (1 + this.random.nextLong(Math.max(1, minutes)));
			long start = (pick == 0) ? boundary : boundary - 1;
			return (start >= first && start <= last) ? start : first;
		}
		return first + this.random.nextLong(last - first + 1);
	}

	private Span span(String service, long start) {
		String[] endpoint = ENDPOINTS[this.random.nextInt(ENDPOINTS.length)];
		SpanKind kind = KINDS[this.random.nextInt(KINDS.length)];
		Span.Builder span = Span.builder()
			.traceId(hex(2))
			.spanId(hex(1))
			.parentSpanId(this.random.nextBoolean() ? hex(1) : null)
			.kind(kind)
			.serviceName(service)
			.environment(ENVIRONMENTS[this.random.nextInt(ENVIRONMENTS.length)])
			.startTimeMicros(start)
			.durationMicros(duration());
		span.name((endpoint.length == 3) ? endpoint[2]
				: (endpoint[0] != null) ? endpoint[0] + " " + endpoint[1] : endpoint[1]);
		if (endpoint[0] != null) {
			span.httpMethod(endpoint[0]).httpRoute((endpoint.length == 3) ? null : endpoint[1]);
		}
		int status = this.random.nextInt(10);
		if (status < 3) {
			span.status(SpanStatus.of(StatusCode.OK));
		}
		else if (status < 4) {
			span.status(new SpanStatus(StatusCode.ERROR, "failed"));
		}
		if (endpoint[0] != null) {
			int[] codes = { 200, 200, 200, 201, 404, 500, 503 };
			span.httpStatusCode(codes[this.random.nextInt(codes.length)]);
		}
		return span.build();
	}

	private long duration() {
		int pick = this.random.nextInt(20);
		return switch (pick) {
			case 0 -> 0;
			case 1 -> 1;
			case 2 -> 2;
			// Whole numbers next to a bucket bound 1.02^k.
			case 3 -> (long) Math.floor(Math.pow(1.02, 200 + this.random.nextInt(500)));
			case 4 -> (long) Math.ceil(Math.pow(1.02, 200 + this.random.nextInt(500)));
			// Minutes long.
			case 5 -> 60_000_000L + this.random.nextLong(600_000_000L);
			default -> Math.round(Math.exp(this.random.nextDouble() * Math.log(10_000_000)));
		};
	}

	private String hex(int longs) {
		StringBuilder hex = new StringBuilder();
		for (int i = 0; i < longs; i++) {
			hex.append(String.format("%016x", this.random.nextLong() | 1));
		}
		return hex.toString();
	}

}
