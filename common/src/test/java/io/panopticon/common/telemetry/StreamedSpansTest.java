package io.panopticon.common.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StreamedSpans}: on every value it accepts it must give exactly what
 * the thorough way of {@link TelemetryJson} gives, and it must accept the values
 * producers send.
 */
class StreamedSpansTest {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final long SEED = new Random().nextLong();

	@Test
	void acceptsEveryEncodedSpanAndAgreesWithTheThoroughWay() {
		Random random = new Random(SEED);
		for (int i = 0; i < 2_000; i++) {
			Span span = randomSpan(random);
			byte[] json = TelemetryJson.encode(span);

			List<Decoded<Span>> streamed = StreamedSpans.decode(MAPPER, json);

			assertThat(streamed).as("seed %d, %s", SEED, new String(json, StandardCharsets.UTF_8))
				.containsExactly(Decoded.valid(0, span, json))
				.isEqualTo(TelemetryJson.decodeSpansThoroughly(json));
		}
	}

	@Test
	void acceptsArraysOfSpansKeepingEachItemsOwnBytes() {
		Random random = new Random(SEED);
		for (int i = 0; i < 200; i++) {
			StringBuilder array = new StringBuilder(" [ ");
			for (int item = 0; item < 1 + random.nextInt(20); item++) {
				array.append((item > 0) ? " ,\n" : "")
					.append(new String(TelemetryJson.encode(randomSpan(random)), StandardCharsets.UTF_8));
			}
			byte[] json = array.append("]\n").toString().getBytes(StandardCharsets.UTF_8);

			List<Decoded<Span>> streamed = StreamedSpans.decode(MAPPER, json);

			assertThat(streamed).as("seed %d", SEED).isNotNull().isEqualTo(TelemetryJson.decodeSpansThoroughly(json));
		}
	}

	@Test
	void givesUpOrAgreesOnMutatedSpans() {
		Random random = new Random(SEED);
		int accepted = 0;
		int givenUp = 0;
		for (int i = 0; i < 20_000; i++) {
			String json = mutate(random, new String(TelemetryJson.encode(randomSpan(random)), StandardCharsets.UTF_8));
			byte[] value = ("[" + json + "]").getBytes(StandardCharsets.UTF_8);

			List<Decoded<Span>> streamed = StreamedSpans.decode(MAPPER, value);

			if (streamed == null) {
				givenUp++;
				continue;
			}
			accepted++;
			assertThat(streamed).as("seed %d, %s", SEED, json).isEqualTo(TelemetryJson.decodeSpansThoroughly(value));
		}
		assertThat(accepted).as("seed %d", SEED).isGreaterThan(2_000);
		assertThat(givenUp).as("seed %d", SEED).isGreaterThan(2_000);
	}

	@Test
	void givesUpOnWhatOnlyTheThoroughWayReads() {
		String span = "\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"spanId\":\"00f067aa0ba902b7\",\"name\":\"GET\","
				+ "\"serviceName\":\"orders\"";
		for (String json : List.of("{" + span + ",\"startTime\":\"2025-11-21T08:00:00Z\",\"durationMicros\":1}",
				"{" + span + ",\"startTime\":1763712000123456,\"endTime\":1763712000123457}",
				"{" + span + ",\"startTime\":1763712000123456,\"durationMicros\":1,\"name\":\"again\"}",
				"{" + span + ",\"startTime\":1763712000123456,\"durationMicros\":1,\"attributes\":{\"a\":1,\"a\":2}}",
				"{" + span
						+ ",\"startTime\":1763712000123456,\"durationMicros\":1,\"attributes\":{\"a\":null,\"a\":2}}",
				"{" + span + ",\"startTime\":1763712000123456,\"durationMicros\":1,\"attributes\":{\"a\":1e400}}",
				"{" + span + ",\"startTime\":1763712000123456,\"durationMicros\":1,"
						+ "\"attributes\":{\"a\":123456789012345678901234567890}}",
				"{" + span + ",\"startTime\":1763712000123456,\"durationMicros\":-1}",
				"{" + span + ",\"startTime\":1763712000123456,\"durationMicros\":9223372036854775807}",
				"{" + span + ",\"startTime\":10413792000000000,\"durationMicros\":1}",
				"[{" + span + ",\"startTime\":1763712000123456,\"durationMicros\":1}, 7]",
				"{" + span + ",\"startTime\":1763712000123456,\"durationMicros\":1} {}", "null", "[")) {
			assertThat(StreamedSpans.decode(MAPPER, json.getBytes(StandardCharsets.UTF_8))).as(json).isNull();
		}
	}

	private static Span randomSpan(Random random) {
		Span.Builder span = Span.builder()
			.traceId(hex(random, random.nextBoolean() ? 32 : 16))
			.spanId(hex(random, 16))
			.parentSpanId(random.nextBoolean() ? hex(random, 16) : null)
			.name(pick(random, "GET /orders/{id}", "SELECT orders", "ünïcödé \"quoted\" \\ name", "checkout"))
			.kind(pick(random, SpanKind.values()))
			.serviceName(pick(random, "orders", "web-gateway", "payments"))
			.environment(random.nextBoolean() ? "prod" : null)
			.startTimeMicros(1_763_712_000_000_000L + random.nextInt(1_000_000_000))
			.durationMicros(random.nextInt(3) == 0 ? 0 : random.nextLong(0, 10_000_000_000L))
			.status(new SpanStatus(pick(random, StatusCode.values()), random.nextBoolean() ? "timeout" : null))
			.httpMethod(random.nextBoolean() ? "GET" : null)
			.httpRoute(random.nextBoolean() ? "/orders/{id}" : null)
			.httpStatusCode(random.nextBoolean() ? 100 + random.nextInt(500) : null)
			.peerService(random.nextBoolean() ? "postgres" : null)
			.attributes(randomAttributes(random, 2))
			.resource(randomAttributes(random, 1));
		List<SpanEvent> events = new ArrayList<>();
		for (int i = random.nextInt(3); i > 0; i--) {
			events.add(new SpanEvent(1_763_712_000_000_000L + random.nextInt(1000), "exception",
					randomAttributes(random, 1)));
		}
		List<SpanLink> links = new ArrayList<>();
		for (int i = random.nextInt(2); i > 0; i--) {
			links.add(new SpanLink(hex(random, 32), hex(random, 16), randomAttributes(random, 0)));
		}
		return span.events(events).links(links).build();
	}

	private static Map<String, Object> randomAttributes(Random random, int depth) {
		Map<String, Object> attributes = new LinkedHashMap<>();
		for (int i = random.nextInt(6); i > 0; i--) {
			attributes.put("key." + random.nextInt(10), randomValue(random, depth));
		}
		return attributes;
	}

	private static Object randomValue(Random random, int depth) {
		return switch (random.nextInt((depth > 0) ? 7 : 5)) {
			case 0 -> pick(random, "value", "", "ünïcödé", "a \"quoted\" value");
			case 1 -> random.nextLong();
			case 2 -> random.nextDouble() * 1e6;
			case 3 -> random.nextBoolean();
			case 4 -> (random.nextBoolean()) ? 0L : -1L;
			case 5 -> randomAttributes(random, depth - 1);
			default -> {
				List<Object> list = new ArrayList<>();
				for (int i = random.nextInt(4); i > 0; i--) {
					list.add(random.nextInt(5) == 0 ? null : randomValue(random, depth - 1));
				}
				yield list;
			}
		};
	}

	/** One random change of the kind producers get wrong, applied to a span's JSON. */
	private static String mutate(Random random, String json) {
		String[] fields = { "traceId", "spanId", "parentSpanId", "name", "kind", "serviceName", "environment",
				"startTime", "durationMicros", "status", "httpMethod", "httpRoute", "httpStatusCode", "peerService",
				"attributes", "events", "links", "resource", "endTime", "code", "time", "key.1" };
		String[] values = { "null", "\"\"", "\" \"", "1", "-1", "1.5", "1e400", "123456789012345678901234567890",
				"true", "[]", "{}", "[null]", "\"SERVER\"", "\"server\"", "\"nope\"", "\"2025-11-21T08:00:00Z\"",
				"\"4BF92F3577B34DA6A3CE929D0E0E4736\"", "\"0000000000000000\"", "\"00f067aa0ba902b7\"", "99", "200",
				"1763712000123456", "{\"code\":\"ERROR\"}", "{\"a\":null}" };
		String field = "\"" + pick(random, fields) + "\":";
		String value = pick(random, values);
		int at = json.indexOf(field);
		return switch (random.nextInt(4)) {
			// Replace the value of a field, if present, up to the next comma or brace.
			case 0 -> (at < 0) ? json : json.substring(0, at + field.length()) + value
					+ json.substring(endOfScalar(json, at + field.length()));
			// Add a field, perhaps again, at the start.
			case 1 -> "{" + field + value + "," + json.substring(1);
			// Add a field at the end.
			case 2 -> json.substring(0, json.length() - 1) + "," + field + value + "}";
			// Remove a field.
			default -> (at < 0) ? json : json.substring(0, at) + "\"unknown\":" + json.substring(at + field.length());
		};
	}

	private static int endOfScalar(String json, int from) {
		int depth = 0;
		boolean inString = false;
		for (int i = from; i < json.length(); i++) {
			char c = json.charAt(i);
			if (inString) {
				if (c == '\\') {
					i++;
				}
				else if (c == '"') {
					inString = false;
				}
			}
			else if (c == '"') {
				inString = true;
			}
			else if (c == '{' || c == '[') {
				depth++;
			}
			else if (c == '}' || c == ']') {
				if (depth == 0) {
					return i;
				}
				depth--;
			}
			else if (c == ',' && depth == 0) {
				return i;
			}
		}
		return json.length();
	}

	private static String hex(Random random, int digits) {
		StringBuilder hex = new StringBuilder(digits);
		for (int i = 0; i < digits; i++) {
			hex.append(Character.forDigit(random.nextInt(16), 16));
		}
		return hex.toString();
	}

	@SafeVarargs
	private static <T> T pick(Random random, T... choices) {
		return choices[random.nextInt(choices.length)];
	}

}
