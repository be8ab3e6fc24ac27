package io.panopticon.aggregator.rollup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import io.panopticon.common.telemetry.Span;
import io.panopticon.common.telemetry.SpanKind;
import io.panopticon.common.telemetry.StatusCode;
import tools.jackson.databind.JsonNode;

/**
 * The figures of one rollup, as a test expects them or reads them back, and the plain
 * Java computation of the expected ones from generated spans: independent of the
 * production code (its own definitions of a request, an error, an endpoint and a latency
 * bucket, straight from docs/formats.md and the architecture decisions).
 *
 * @param requests requests (or calls)
 * @param errors errors
 * @param min the smallest duration
 * @param max the largest duration
 * @param sum the summed durations
 * @param latency count per latency bucket
 * @param httpMethod the endpoint's HTTP method, or {@code null}
 */
record Figures(long requests, long errors, long min, long max, long sum, SortedMap<Integer, Long> latency,
		String httpMethod) {

	private static final double LN_1_02 = StrictMath.log(1.02);

	/** A key such as {@code 1m|2026-03-10T12:00:00Z|endpoint|orders|prod|GET /orders}. */
	static String key(String resolution, Instant bucket, String kind, String service, String environment,
			String target) {
		return resolution + "|" + bucket + "|" + kind + "|" + service + "|"
				+ ((environment != null) ? environment : "(none)") + "|" + ((target != null) ? target : "");
	}

	static int bucketOf(long micros) {
		return (int) Math.ceil(StrictMath.log(Math.max(micros, 1)) / LN_1_02);
	}

	static boolean isRequest(Span span) {
		return span.kind() == SpanKind.SERVER || span.kind() == SpanKind.CONSUMER;
	}

	static boolean isError(Span span) {
		return span.status().code() == StatusCode.ERROR || (span.status().code() == StatusCode.UNSET
				&& span.httpStatusCode() != null && span.httpStatusCode() >= 500);
	}

	static String endpointOf(Span span) {
		return (span.httpMethod() != null && span.httpRoute() != null) ? span.httpMethod() + " " + span.httpRoute()
				: span.name();
	}

	static Instant minuteOf(long startMicros) {
		long millis = Math.floorDiv(startMicros, 1000);
		return Instant.ofEpochMilli(millis - Math.floorMod(millis, 60_000));
	}

	static Instant hourOf(long startMicros) {
		long millis = Math.floorDiv(startMicros, 1000);
		return Instant.ofEpochMilli(millis - Math.floorMod(millis, 3_600_000));
	}

	/**
	 * The expected service and endpoint rollups, per minute and per hour, of the request
	 * spans that started in {@code [from, to)}; hours only when they lie wholly inside.
	 */
	static Map<String, Figures> expectedRequestRollups(List<Span> spans, Instant from, Instant to) {
		Map<String, Accumulator> rollups = new TreeMap<>();
		for (Span span : spans) {
			Instant start = Instant.ofEpochMilli(Math.floorDiv(span.startTimeMicros(), 1000));
			if (!isRequest(span) || start.isBefore(from) || !start.isBefore(to)) {
				continue;
			}
			Instant minute = minuteOf(span.startTimeMicros());
			Instant hour = hourOf(span.startTimeMicros());
			List<String> keys = new ArrayList<>();
			keys.add(key("1m", minute, "service", span.serviceName(), span.environment(), null));
			keys.add(key("1m", minute, "endpoint", span.serviceName(), span.environment(), endpointOf(span)));
			if (!hour.isBefore(from) && !hour.plusSeconds(3600).isAfter(to)) {
				keys.add(key("1h", hour, "service", span.serviceName(), span.environment(), null));
				keys.add(key("1h", hour, "endpoint", span.serviceName(), span.environment(), endpointOf(span)));
			}
			for (String key : keys) {
				Accumulator accumulator = rollups.computeIfAbsent(key, (k) -> new Accumulator());
				accumulator.add(span.durationMicros(), isError(span));
				if (key.contains("|endpoint|") && span.httpMethod() != null) {
					accumulator.httpMethod = span.httpMethod();
				}
			}
		}
		Map<String, Figures> figures = new LinkedHashMap<>();
		rollups.forEach((key, accumulator) -> figures.put(key, accumulator.figures()));
		return figures;
	}

	/** Reads the figures of a rollup document. */
	static Figures of(JsonNode source) {
		SortedMap<Integer, Long> latency = new TreeMap<>();
		for (JsonNode bucket : source.path("latency")) {
			latency.put(bucket.path("bucket").asInt(), bucket.path("count").asLong());
		}
		return new Figures(source.path("requests").asLong(), source.path("errors").asLong(),
				source.path("durationMinMicros").asLong(), source.path("durationMaxMicros").asLong(),
				source.path("durationSumMicros").asLong(), latency,
				source.path("httpMethod").isMissingNode() ? null : source.path("httpMethod").asString());
	}

	/** Adds up figures span by span. */
	static final class Accumulator {

		long requests;

		long errors;

		long min = Long.MAX_VALUE;

		long max = Long.MIN_VALUE;

		long sum;

		final SortedMap<Integer, Long> latency = new TreeMap<>();

		String httpMethod;

		void add(long micros, boolean error) {
			this.requests++;
			this.errors += error ? 1 : 0;
			this.min = Math.min(this.min, micros);
			this.max = Math.max(this.max, micros);
			this.sum += micros;
			this.latency.merge(bucketOf(micros), 1L, Long::sum);
		}

		Figures figures() {
			return new Figures(this.requests, this.errors, this.min, this.max, this.sum, this.latency, this.httpMethod);
		}

	}

}
