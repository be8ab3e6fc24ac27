package io.panopticon.common.telemetry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TelemetryJson}.
 */
class TelemetryJsonTest {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String SPAN_ID = "00f067aa0ba902b7";

	private static final long START = 1763712000123456L;

	@Test
	void decodesTheSpanExampleOfTheFormat() throws IOException {
		List<Decoded<Span>> decoded = TelemetryJson.decodeSpans(resource("span-example.json"));

		assertThat(decoded).hasSize(1);
		Decoded<Span> item = decoded.get(0);
		assertThat(item.isValid()).isTrue();
		assertThat(item.index()).isZero();
		assertThat(item.json()).isEqualTo(resource("span-example.json"));
		Span span = item.value();
		assertThat(span.traceId()).isEqualTo(TRACE_ID);
		assertThat(span.spanId()).isEqualTo(SPAN_ID);
		assertThat(span.parentSpanId()).isEqualTo("a3ce929d0e0e4736");
		assertThat(span.name()).isEqualTo("GET /orders/{id}");
		assertThat(span.kind()).isEqualTo(SpanKind.SERVER);
		assertThat(span.serviceName()).isEqualTo("orders");
		assertThat(span.environment()).isEqualTo("prod");
		assertThat(span.startTimeMicros()).isEqualTo(START);
		assertThat(span.durationMicros()).isEqualTo(5321);
		assertThat(span.status()).isEqualTo(new SpanStatus(StatusCode.ERROR, "timeout"));
		assertThat(span.httpMethod()).isEqualTo("GET");
		assertThat(span.httpRoute()).isEqualTo("/orders/{id}");
		assertThat(span.httpStatusCode()).isEqualTo(504);
		assertThat(span.peerService()).isEqualTo("postgres");
		assertThat(span.attributes()).containsExactly(Map.entry("region", "eu-1"), Map.entry("retry", 2L));
		assertThat(span.events()).containsExactly(new SpanEvent(1763712000125000L, "exception",
				Map.of("exception.type", "TimeoutException", "exception.message", "read timed out")));
		assertThat(span.links()).containsExactly(SpanLink.of("5b8aa5a2d2c872e8321cf37308d69df2", "051581bf3cb55c13"));
		assertThat(span.resource()).containsExactly(Map.entry("host.name", "orders-7f9c"));
	}

	@Test
	void decodesTheLogExampleOfTheFormat() throws IOException {
		List<Decoded<LogEvent>> decoded = TelemetryJson.decodeLogs(resource("log-example.json"));

		assertThat(decoded).hasSize(1);
		assertThat(decoded.get(0).value()).isEqualTo(new LogEvent(START, "orders", "prod", LogLevel.ERROR,
				"payment gateway timeout", TRACE_ID, SPAN_ID, Map.of("exception.type", "TimeoutException")));
	}

	@Test
	void decodesTheMinimalSpanExampleWithDefaults() throws IOException {
		Span span = TelemetryJson.decodeSpans(resource("span-minimal.json")).get(0).value();

		assertThat(span.traceId()).isEqualTo("a3ce929d0e0e4736");
		assertThat(span.startTimeMicros()).isEqualTo(1763712000000000L);
		assertThat(span.durationMicros()).isEqualTo(250_000L);
		assertThat(span.kind()).isEqualTo(SpanKind.INTERNAL);
		assertThat(span.status()).isEqualTo(SpanStatus.UNSET);
		assertThat(span.parentSpanId()).isNull();
		assertThat(span.environment()).isNull();
		assertThat(span.httpStatusCode()).isNull();
		assertThat(span.attributes()).isEmpty();
		assertThat(span.events()).isEmpty();
		assertThat(span.links()).isEmpty();
		assertThat(span.resource()).isEmpty();
	}

	@Test
	void decodesTheMinimalLogExample() throws IOException {
		LogEvent event = TelemetryJson.decodeLogs(resource("log-minimal.json")).get(0).value();

		assertThat(event)
			.isEqualTo(new LogEvent(1763712000000000L, "orders", null, LogLevel.INFO, "started", null, null, Map.of()));
	}

	@Test
	void decodesTheArrayExample() throws IOException {
		List<Decoded<LogEvent>> decoded = TelemetryJson.decodeLogs(resource("log-array.json"));

		assertThat(decoded).extracting((item) -> item.value().level()).containsExactly(LogLevel.WARN, LogLevel.ERROR);
		assertThat(decoded.get(1).value().traceId()).isEqualTo(TRACE_ID);
	}

	@Test
	void decodesAnArrayKeepingEachItemsOwnBytes() {
		String first = "{\"traceId\":\"%s\",\"spanId\":\"%s\",\"name\":\"ünïcödé\",\"serviceName\":\"orders\",\"startTime\":%d,\"durationMicros\":7}"
			.formatted(TRACE_ID, SPAN_ID, START);
		String second = "{ \"name\": \"broken\" }";
		String third = first.replace(SPAN_ID, "00f067aa0ba902b8");
		byte[] value = ("[ " + first + " ,\n" + second + ", " + third + " ]").getBytes(StandardCharsets.UTF_8);

		List<Decoded<Span>> decoded = TelemetryJson.decodeSpans(value);

		assertThat(decoded).extracting(Decoded::index).containsExactly(0, 1, 2);
		assertThat(decoded).extracting(Decoded::isValid).containsExactly(true, false, true);
		assertThat(decoded.get(0).value().name()).isEqualTo("ünïcödé");
		assertThat(decoded.get(2).value().spanId()).isEqualTo("00f067aa0ba902b8");
		assertThat(decoded).extracting((item) -> new String(item.json(), StandardCharsets.UTF_8))
			.containsExactly(first, second, third);
	}

	@Test
	void decodesAnEmptyArrayToNothing() {
		assertThat(TelemetryJson.decodeSpans(bytes(" [ ] "))).isEmpty();
	}

	@Test
	void reportsArrayItemsThatAreNotObjects() {
		List<Decoded<LogEvent>> decoded = TelemetryJson.decodeLogs(bytes("[1, \"x\", null]"));

		assertThat(decoded).hasSize(3)
			.allSatisfy((item) -> assertThat(item.errors())
				.containsExactly(new FieldError(FieldError.ROOT, "must be a JSON object")));
		assertThat(decoded).extracting((item) -> new String(item.json(), StandardCharsets.UTF_8))
			.containsExactly("1", "\"x\"", "null");
	}

	@Test
	void reportsAValueThatIsNotJsonAsAWhole() {
		byte[] value = bytes("{\"traceId\": ");

		List<Decoded<Span>> decoded = TelemetryJson.decodeSpans(value);

		assertThat(decoded).singleElement().satisfies((item) -> {
			assertThat(item.isValid()).isFalse();
			assertThat(item.json()).isSameAs(value);
			assertThat(item.errors()).singleElement().satisfies((error) -> {
				assertThat(error.field()).isEqualTo("$");
				assertThat(error.reason()).startsWith("is not valid JSON");
			});
		});
	}

	@Test
	void reportsAnArrayThatBreaksOffAsAWholeRatherThanPartly() {
		String span = "{\"traceId\":\"%s\",\"spanId\":\"%s\",\"name\":\"n\",\"serviceName\":\"s\",\"startTime\":1,\"durationMicros\":1}"
			.formatted(TRACE_ID, SPAN_ID);

		List<Decoded<Span>> decoded = TelemetryJson.decodeSpans(bytes("[" + span + ", {\"name\": "));

		assertThat(decoded).singleElement().satisfies((item) -> assertThat(item.fields()).isEqualTo("$"));
	}

	@Test
	void reportsContentAfterTheValue() {
		List<Decoded<LogEvent>> decoded = TelemetryJson.decodeLogs(bytes("{} {}"));

		assertThat(decoded).singleElement()
			.satisfies((item) -> assertThat(item.reason()).startsWith("$: is not valid JSON"));
	}

	@Test
	void reportsJsonThatIsNeitherObjectNorArray() {
		for (String value : List.of("42", "\"span\"", "null", "true")) {
			assertThat(TelemetryJson.decodeSpans(bytes(value))).singleElement()
				.satisfies((item) -> assertThat(item.errors())
					.containsExactly(new FieldError("$", "must be a JSON object or an array of objects")));
		}
	}

	@Test
	void reportsAnEmptyValue() {
		for (byte[] value : new byte[][] { null, new byte[0], bytes("  \n") }) {
			assertThat(TelemetryJson.decodeLogs(value)).singleElement()
				.satisfies((item) -> assertThat(item.errors()).containsExactly(new FieldError("$", "is empty")));
		}
	}

	@Test
	void reportsEveryMissingRequiredSpanField() {
		assertThat(spanErrors("{\"kind\": \"SERVER\"}")).containsExactly(new FieldError("traceId", "is required"),
				new FieldError("spanId", "is required"), new FieldError("name", "is required"),
				new FieldError("serviceName", "is required"), new FieldError("startTime", "is required"),
				new FieldError("durationMicros", "is required (or endTime)"));
	}

	@Test
	void treatsNullAsAbsent() {
		assertThat(fields(spanErrors("""
				{"traceId": null, "spanId": "%s", "name": "n", "serviceName": "s", "startTime": 1,
				 "durationMicros": 1, "kind": null, "status": null, "attributes": null, "events": null}
				""".formatted(SPAN_ID)))).containsExactly("traceId");
	}

	@Test
	void reportsEveryMissingRequiredLogField() {
		assertThat(logErrors("{\"traceId\": \"%s\"}".formatted(TRACE_ID))).containsExactly(
				new FieldError("timestamp", "is required"), new FieldError("serviceName", "is required"),
				new FieldError("level", "is required"), new FieldError("message", "is required"));
	}

	@Test
	void reportsWrongTypes() {
		List<FieldError> errors = spanErrors("""
				{"traceId": 4, "spanId": true, "parentSpanId": 7, "name": 1, "kind": 3, "serviceName": ["orders"],
				 "environment": 1, "startTime": false, "durationMicros": "5", "status": "ERROR",
				 "httpMethod": 1, "httpRoute": {}, "httpStatusCode": "504", "peerService": 2,
				 "attributes": [], "events": {}, "links": "none", "resource": 1}
				""");

		assertThat(fields(errors)).containsExactly("traceId", "spanId", "parentSpanId", "name", "kind", "serviceName",
				"environment", "startTime", "durationMicros", "status", "httpMethod", "httpRoute", "httpStatusCode",
				"peerService", "attributes", "events", "links", "resource");
		assertThat(errors).contains(new FieldError("name", "must be a string"),
				new FieldError("durationMicros", "must be an integer number of microseconds"),
				new FieldError("httpStatusCode", "must be an integer"),
				new FieldError("attributes", "must be an object"), new FieldError("events", "must be an array"));
	}

	@Test
	void reportsMalformedIds() {
		List<FieldError> errors = spanErrors(
				validSpan().replace("\"" + TRACE_ID + "\"", "\"4bf92f3577b34da6a3ce929d0e0e473\"")
					.replace("\"" + SPAN_ID + "\"", "\"00f067aa0ba902bz\"")
					.replace("\"a3ce929d0e0e4736\"", "\"a3ce929d0e0e47360\""));

		assertThat(errors).containsExactly(
				new FieldError("traceId", "must be 16 or 32 hexadecimal digits, not all zeros"),
				new FieldError("spanId", "must be 16 hexadecimal digits, not all zeros"),
				new FieldError("parentSpanId", "must be 16 hexadecimal digits, not all zeros"));
	}

	@Test
	void reportsAllZeroIds() {
		assertThat(fields(spanErrors(validSpan().replace(TRACE_ID, "0".repeat(32)).replace(SPAN_ID, "0".repeat(16)))))
			.containsExactly("traceId", "spanId");
	}

	@Test
	void acceptsSixteenDigitTraceIdsAndLowerCasesIds() {
		Span span = decodeSpan(validSpan().replace(TRACE_ID, "A3CE929D0E0E4736").replace(SPAN_ID, "00F067AA0BA902B7"));

		assertThat(span.traceId()).isEqualTo("a3ce929d0e0e4736");
		assertThat(span.spanId()).isEqualTo("00f067aa0ba902b7");
	}

	@Test
	void readsAnAllZeroOrEmptyParentAsRoot() {
		assertThat(decodeSpan(validSpan().replace("a3ce929d0e0e4736", "0".repeat(16))).parentSpanId()).isNull();
		assertThat(decodeSpan(validSpan().replace("a3ce929d0e0e4736", "")).parentSpanId()).isNull();
	}

	@Test
	void reportsBlankRequiredStrings() {
		List<FieldError> errors = spanErrors(validSpan().replace("\"name\": \"n\"", "\"name\": \"\"")
			.replace("\"serviceName\": \"orders\"", "\"serviceName\": \"  \""));

		assertThat(errors).containsExactly(new FieldError("name", "must not be blank"),
				new FieldError("serviceName", "must not be blank"));
		assertThat(logErrors("{\"timestamp\": 1, \"serviceName\": \"s\", \"level\": \"INFO\", \"message\": \"\"}"))
			.containsExactly(new FieldError("message", "must not be blank"));
	}

	@Test
	void readsEnumValuesInAnyCase() {
		Span span = decodeSpan(validSpan().replace("\"SERVER\"", "\"consumer\"").replace("\"ERROR\"", "\"Ok\""));

		assertThat(span.kind()).isEqualTo(SpanKind.CONSUMER);
		assertThat(span.status().code()).isEqualTo(StatusCode.OK);
	}

	@Test
	void reportsUnknownEnumValues() {
		assertThat(spanErrors(validSpan().replace("\"SERVER\"", "\"SERVICE\"").replace("\"ERROR\"", "\"FAILED\"")))
			.containsExactly(new FieldError("kind", "must be one of SERVER, CLIENT, PRODUCER, CONSUMER, INTERNAL"),
					new FieldError("status.code", "must be one of UNSET, OK, ERROR"));
		assertThat(logErrors("{\"timestamp\": 1, \"serviceName\": \"s\", \"level\": \"WARNING\", \"message\": \"m\"}"))
			.containsExactly(new FieldError("level", "must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL"));
	}

	@Test
	void reportsNegativeDurationsAndTimes() {
		assertThat(spanErrors(validSpan().replace("\"durationMicros\": 5321", "\"durationMicros\": -1")))
			.containsExactly(new FieldError("durationMicros", "must not be negative"));
		assertThat(spanErrors(validSpan().replace("\"startTime\": " + START, "\"startTime\": -5")))
			.containsExactly(new FieldError("startTime", "must not be before 1970"));
	}

	@Test
	void reportsTimesOutsideWhatTheSystemCanRepresent() {
		assertThat(
				spanErrors(validSpan().replace("\"startTime\": " + START, "\"startTime\": \"1600-01-01T00:00:00Z\"")))
			.containsExactly(new FieldError("startTime", "must not be before 1970"));
		assertThat(
				spanErrors(validSpan().replace("\"startTime\": " + START, "\"startTime\": \"2300-01-01T00:00:00Z\"")))
			.containsExactly(new FieldError("startTime", "must not be after 2262-04-11T23:47:16Z"));
		assertThat(spanErrors(validSpan().replace("\"time\": 1763712000125000", "\"time\": 10413792000000000")))
			.containsExactly(new FieldError("events[0].time", "must not be after 2262-04-11T23:47:16Z"));
		assertThat(logErrors("{\"timestamp\": \"2300-01-01T00:00:00Z\", \"serviceName\": \"s\", \"level\": \"INFO\","
				+ " \"message\": \"m\"}"))
			.containsExactly(new FieldError("timestamp", "must not be after 2262-04-11T23:47:16Z"));
	}

	@Test
	void reportsADurationThatEndsTheSpanBeyondWhatTheSystemCanRepresent() {
		assertThat(
				spanErrors(validSpan().replace("\"durationMicros\": 5321", "\"durationMicros\": 9223372036854775807")))
			.containsExactly(new FieldError("durationMicros", "must not make the span end after 2262-04-11T23:47:16Z"));
		assertThat(spanErrors(validSpan().replace("\"durationMicros\": 5321", "\"endTime\": 10413792000000000")))
			.containsExactly(new FieldError("endTime", "must not be after 2262-04-11T23:47:16Z"));
		assertThat(decodeSpan(validSpan().replace("\"durationMicros\": 5321",
				"\"durationMicros\": " + (Long.MAX_VALUE / 1000 - START)))
			.endTimeMicros()).isEqualTo(Long.MAX_VALUE / 1000);
	}

	@Test
	void reportsAnOutOfRangeHttpStatus() {
		assertThat(spanErrors(validSpan().replace("504", "600")))
			.containsExactly(new FieldError("httpStatusCode", "must be between 100 and 599"));
	}

	@Test
	void readsIsoTimes() {
		Span span = decodeSpan(validSpan().replace("\"startTime\": " + START,
				"\"startTime\": \"2025-11-21T09:00:00.123456789+01:00\""));
		LogEvent event = decodeLog(
				"{\"timestamp\": \"2025-11-21T08:00:00.5Z\", \"serviceName\": \"s\", \"level\": \"INFO\", \"message\": \"m\"}");

		// Digits below the microsecond are truncated.
		assertThat(span.startTimeMicros()).isEqualTo(1763712000123456L);
		assertThat(event.timestampMicros()).isEqualTo(1763712000500000L);
	}

	@Test
	void reportsMalformedTimes() {
		List<FieldError> errors = spanErrors(
				validSpan().replace("\"startTime\": " + START, "\"startTime\": \"2025-11-21T08:00:00\"")
					.replace("\"time\": 1763712000125000", "\"time\": 1.5"));

		assertThat(fields(errors)).containsExactly("startTime", "events[0].time");
		assertThat(errors.get(0).reason()).startsWith("must be epoch microseconds (an integer) or an ISO-8601");
	}

	@Test
	void computesTheDurationFromTheEndTime() {
		String json = validSpan().replace("\"durationMicros\": 5321", "\"endTime\": \"2025-11-21T08:00:01.123456Z\"");

		assertThat(decodeSpan(json).durationMicros()).isEqualTo(1_000_000L);
	}

	@Test
	void acceptsAnEndTimeThatAgreesWithTheDuration() {
		String json = validSpan().replace("\"durationMicros\": 5321",
				"\"durationMicros\": 5321, \"endTime\": " + (START + 5321));

		assertThat(decodeSpan(json).durationMicros()).isEqualTo(5321);
	}

	@Test
	void reportsAnEndTimeBeforeTheStartOrDisagreeingWithTheDuration() {
		assertThat(spanErrors(validSpan().replace("\"durationMicros\": 5321", "\"endTime\": " + (START - 1))))
			.containsExactly(new FieldError("endTime", "must not be before startTime"));
		assertThat(spanErrors(validSpan().replace("\"durationMicros\": 5321",
				"\"durationMicros\": 5321, \"endTime\": " + (START + 1))))
			.containsExactly(new FieldError("endTime", "disagrees with durationMicros"));
	}

	@Test
	void namesProblemsInsideEventsLinksAndStatus() {
		String json = validSpan()
			.replace("\"events\": [{\"time\": 1763712000125000, \"name\": \"exception\"}]",
					"\"events\": [{\"name\": \"exception\"}, 3, {\"time\": 1, \"name\": \"ok\", \"attributes\": []}]")
			.replace("\"spanId\": \"051581bf3cb55c13\"", "\"spanId\": \"x\"")
			.replace("\"message\": \"timeout\"", "\"message\": 5");

		assertThat(spanErrors(json)).containsExactly(new FieldError("status.message", "must be a string"),
				new FieldError("events[0].time", "is required"), new FieldError("events[1]", "must be an object"),
				new FieldError("events[2].attributes", "must be an object"),
				new FieldError("links[0].spanId", "must be 16 hexadecimal digits, not all zeros"));
	}

	@Test
	void reportsMalformedLogFields() {
		List<FieldError> errors = logErrors("""
				{"timestamp": "yesterday", "serviceName": "s", "level": "INFO", "message": "m",
				 "traceId": "abc", "spanId": "ABC", "attributes": "x"}
				""");

		assertThat(fields(errors)).containsExactly("timestamp", "traceId", "spanId", "attributes");
	}

	@Test
	void ignoresUnknownFields() {
		Span span = decodeSpan(validSpan().replace("{", "{\"unknown\": {\"deep\": [1, 2]}, \"tags\": 5, "));

		assertThat(span.name()).isEqualTo("n");
	}

	@Test
	void readsNestedAttributeValues() {
		Span span = decodeSpan(validSpan().replace("\"attributes\": {\"region\": \"eu-1\"}",
				"\"attributes\": {\"z\": 1, \"a\": 1.5, \"big\": 123456789012345678901234567890, \"ok\": true,"
						+ " \"gone\": null, \"list\": [1, \"two\", null], \"map\": {\"k\": \"v\"}}"));

		assertThat(span.attributes()).containsExactly(Map.entry("z", 1L), Map.entry("a", 1.5),
				Map.entry("big", new BigInteger("123456789012345678901234567890")), Map.entry("ok", true),
				Map.entry("list", Arrays.asList(1L, "two", null)), Map.entry("map", Map.of("k", "v")));
	}

	@Test
	void encodesASpanThatDecodesToItself() {
		Span span = Span.builder()
			.traceId(TRACE_ID)
			.spanId(SPAN_ID)
			.parentSpanId("a3ce929d0e0e4736")
			.name("GET /orders/{id}")
			.kind(SpanKind.CLIENT)
			.serviceName("orders")
			.environment("prod")
			.startTimeMicros(START)
			.durationMicros(5321)
			.status(StatusCode.ERROR, "timeout")
			.httpMethod("GET")
			.httpRoute("/orders/{id}")
			.httpStatusCode(504)
			.peerService("postgres")
			.putAttribute("region", "eu-1")
			.putAttribute("retry", 2)
			.putAttribute("ratio", 0.25f)
			.putAttribute("tags", List.of("a", "b"))
			.addEvent(new SpanEvent(START + 10, "exception", Map.of("exception.type", "TimeoutException")))
			.addLink(new SpanLink("5b8aa5a2d2c872e8321cf37308d69df2", "051581bf3cb55c13", Map.of("why", "batch")))
			.putResource("host.name", "orders-7f9c")
			.build();

		assertThat(TelemetryJson.decodeSpans(TelemetryJson.encode(span))).singleElement()
			.satisfies((item) -> assertThat(item.value()).isEqualTo(span));
	}

	@Test
	void encodedSpansAndLogsAreExactlyTheirTreeForm() {
		JsonMapper mapper = JsonMapper.builder().build();
		Span span = TelemetryJson.decodeSpans(bytes(validSpan()))
			.get(0)
			.value()
			.toBuilder()
			.putAttribute("big", new BigInteger("123456789012345678901234567890"))
			.putAttribute("nested", Map.of("k", List.of(1L, 2.5d, true, "quote\"d")))
			.addEvent(new SpanEvent(START + 10, "exception", Map.of("exception.type", "TimeoutException")))
			.addLink(new SpanLink("5b8aa5a2d2c872e8321cf37308d69df2", "051581bf3cb55c13", Map.of()))
			.putResource("host.name", "orders-7f9c")
			.build();
		LogEvent event = new LogEvent(START, "orders", null, LogLevel.ERROR, "line\nbreak", TRACE_ID, null,
				Map.of("heap", 512));

		assertThat(TelemetryJson.encode(span)).isEqualTo(mapper.writeValueAsBytes(TelemetryJson.toJson(span)));
		assertThat(TelemetryJson.encode(event)).isEqualTo(mapper.writeValueAsBytes(TelemetryJson.toJson(event)));
	}

	@Test
	void encodesAMinimalSpanThatDecodesToItself() {
		Span span = Span.builder()
			.traceId("a3ce929d0e0e4736")
			.spanId(SPAN_ID)
			.name("n")
			.serviceName("s")
			.startTimeMicros(0)
			.durationMicros(0)
			.build();

		assertThat(TelemetryJson.decodeSpans(TelemetryJson.encode(span)).get(0).value()).isEqualTo(span);
	}

	@Test
	void encodesTimesAsEpochMicrosAndLeavesOutAbsentFields() {
		Span span = decodeSpan(
				validSpan().replace("\"startTime\": " + START, "\"startTime\": \"2025-11-21T08:00:00Z\""));
		Span minimal = span.toBuilder()
			.parentSpanId(null)
			.environment(null)
			.httpMethod(null)
			.httpRoute(null)
			.httpStatusCode(null)
			.peerService(null)
			.status(null)
			.attributes(null)
			.events(null)
			.links(null)
			.build();

		assertThat(new String(TelemetryJson.encode(minimal), StandardCharsets.UTF_8))
			.isEqualTo("{\"traceId\":\"" + TRACE_ID + "\",\"spanId\":\"" + SPAN_ID
					+ "\",\"name\":\"n\",\"kind\":\"SERVER\",\"serviceName\":\"orders\",\"startTime\":1763712000000000,"
					+ "\"durationMicros\":5321,\"status\":{\"code\":\"UNSET\"}}");
	}

	@Test
	void encodesALogEventThatDecodesToItself() {
		LogEvent event = new LogEvent(START, "orders", "prod", LogLevel.FATAL, "out of memory", TRACE_ID, SPAN_ID,
				Map.of("heap", 512, "gc", List.of("g1")));

		assertThat(new String(TelemetryJson.encode(event), StandardCharsets.UTF_8)).startsWith(
				"{\"timestamp\":1763712000123456,\"serviceName\":\"orders\",\"environment\":\"prod\",\"level\":\"FATAL\"");
		assertThat(TelemetryJson.decodeLogs(TelemetryJson.encode(event)).get(0).value()).isEqualTo(event);
	}

	@Test
	void joinsProblemsForDeadLetterHeaders() {
		Decoded<Span> item = TelemetryJson.decodeSpans(bytes("{\"traceId\": \"x\", \"spanId\": \"y\"}")).get(0);

		assertThat(item.fields()).isEqualTo("traceId,spanId,name,serviceName,startTime,durationMicros");
		assertThat(item.reason()).startsWith(
				"traceId: must be 16 or 32 hexadecimal digits, not all zeros; spanId: must be 16 hexadecimal digits");
	}

	@Test
	void decodesLogsInAnArrayWithTheirPositions() {
		List<Decoded<LogEvent>> decoded = TelemetryJson.decodeLogs(bytes("""
				[{"timestamp": 1, "serviceName": "s", "level": "INFO", "message": "a"},
				 {"timestamp": 2, "serviceName": "s", "level": "debug", "message": "b"}]
				"""));

		assertThat(decoded).extracting((item) -> item.value().message()).containsExactly("a", "b");
		assertThat(decoded).extracting(Decoded::index).containsExactly(0, 1);
		assertThat(decoded.get(1).value().level()).isEqualTo(LogLevel.DEBUG);
	}

	/** The example span with one event and one link, laid out for text replacement. */
	private static String validSpan() {
		return """
				{"traceId": "%s", "spanId": "%s", "parentSpanId": "a3ce929d0e0e4736",
				 "name": "n", "kind": "SERVER", "serviceName": "orders",
				 "startTime": %d, "durationMicros": 5321,
				 "status": {"code": "ERROR", "message": "timeout"}, "httpStatusCode": 504,
				 "attributes": {"region": "eu-1"},
				 "events": [{"time": 1763712000125000, "name": "exception"}],
				 "links": [{"traceId": "5b8aa5a2d2c872e8321cf37308d69df2", "spanId": "051581bf3cb55c13"}]}
				""".formatted(TRACE_ID, SPAN_ID, START);
	}

	private static Span decodeSpan(String json) {
		Decoded<Span> item = TelemetryJson.decodeSpans(bytes(json)).get(0);
		assertThat(item.errors()).isEmpty();
		return item.value();
	}

	private static LogEvent decodeLog(String json) {
		Decoded<LogEvent> item = TelemetryJson.decodeLogs(bytes(json)).get(0);
		assertThat(item.errors()).isEmpty();
		return item.value();
	}

	private static List<FieldError> spanErrors(String json) {
		List<Decoded<Span>> decoded = TelemetryJson.decodeSpans(bytes(json));
		assertThat(decoded).hasSize(1);
		assertThat(decoded.get(0).value()).isNull();
		return decoded.get(0).errors();
	}

	private static List<FieldError> logErrors(String json) {
		List<Decoded<LogEvent>> decoded = TelemetryJson.decodeLogs(bytes(json));
		assertThat(decoded).hasSize(1);
		assertThat(decoded.get(0).value()).isNull();
		return decoded.get(0).errors();
	}

	private static List<String> fields(List<FieldError> errors) {
		return errors.stream().map(FieldError::field).toList();
	}

	private static byte[] bytes(String json) {
		return json.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] resource(String name) throws IOException {
		try (InputStream in = TelemetryJsonTest.class.getResourceAsStream(name)) {
			assertThat(in).as(name).isNotNull();
			return in.readAllBytes();
		}
	}

}
