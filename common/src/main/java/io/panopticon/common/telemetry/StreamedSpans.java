package io.panopticon.common.telemetry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decodes a record value of spans in one streaming pass, without building a JSON tree:
 * the common case on the ingest path, where the tree cost more than everything else the
 * decoding does and made most of the garbage.
 * <p>
 * It handles only values in which every span is valid and written the plain way. At
 * anything else it gives up and returns {@code null}, and {@link TelemetryJson} decodes
 * the value the thorough way, which also names every problem: malformed JSON, a problem
 * in any item, a time written as a date, an {@code endTime}, a field or attribute key
 * given twice, an integer beyond 64 bits, a number that is not finite. So on every value
 * it accepts it must, and is tested to, give exactly what the thorough way gives.
 */
final class StreamedSpans {

	private StreamedSpans() {
	}

	/**
	 * Decodes the spans of a record value.
	 * @param mapper the mapper the thorough way parses with
	 * @param value the record value
	 * @return one valid outcome per item, or {@code null} when the thorough way must
	 * decide
	 */
	static List<Decoded<Span>> decode(JsonMapper mapper, byte[] value) {
		try (JsonParser parser = mapper.createParser(value)) {
			JsonToken first = parser.nextToken();
			List<Decoded<Span>> decoded;
			if (first == JsonToken.START_OBJECT) {
				decoded = List.of(Decoded.valid(0, span(parser), value));
			}
			else if (first == JsonToken.START_ARRAY) {
				decoded = new ArrayList<>();
				for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
					expect(token == JsonToken.START_OBJECT);
					long start = parser.currentTokenLocation().getByteOffset();
					Span span = span(parser);
					long end = parser.currentLocation().getByteOffset();
					expect(start >= 0 && end > start && end <= value.length);
					decoded.add(Decoded.valid(decoded.size(), span, Arrays.copyOfRange(value, (int) start, (int) end)));
				}
				decoded = Collections.unmodifiableList(decoded);
			}
			else {
				return null;
			}
			expect(parser.nextToken() == null);
			return decoded;
		}
		catch (Unhandled | JacksonException | IllegalArgumentException ex) {
			// IllegalArgumentException: the model's constructors refused a value.
			return null;
		}
	}

	/** Reads one span object; the parser is on its start and is left on its end. */
	private static Span span(JsonParser parser) {
		String traceId = null;
		String spanId = null;
		String parentSpanId = null;
		String name = null;
		SpanKind kind = null;
		String serviceName = null;
		String environment = null;
		Long start = null;
		Long duration = null;
		SpanStatus status = null;
		String httpMethod = null;
		String httpRoute = null;
		Integer httpStatusCode = null;
		String peerService = null;
		Map<String, Object> attributes = null;
		List<SpanEvent> events = null;
		List<SpanLink> links = null;
		Map<String, Object> resource = null;
		Fields seen = new Fields();
		for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
			String field = parser.currentName();
			JsonToken value = parser.nextToken();
			switch (field) {
				case "traceId" -> traceId = seen.once(0, string(parser, value));
				case "spanId" -> spanId = seen.once(1, string(parser, value));
				case "parentSpanId" -> parentSpanId = seen.once(2, string(parser, value));
				case "name" -> name = seen.once(3, string(parser, value));
				case "kind" -> kind = seen.once(4, constant(parser, value, SpanKind.values()));
				case "serviceName" -> serviceName = seen.once(5, string(parser, value));
				case "environment" -> environment = seen.once(6, string(parser, value));
				case "startTime" -> start = seen.once(7, micros(parser, value));
				case "durationMicros" -> duration = seen.once(8, micros(parser, value));
				case "status" -> status = seen.once(9, status(parser, value));
				case "httpMethod" -> httpMethod = seen.once(10, string(parser, value));
				case "httpRoute" -> httpRoute = seen.once(11, string(parser, value));
				case "httpStatusCode" -> httpStatusCode = seen.once(12, httpStatus(parser, value));
				case "peerService" -> peerService = seen.once(13, string(parser, value));
				case "attributes" -> attributes = seen.once(14, attributes(parser, value));
				case "events" -> events = seen.once(15, objects(parser, value, StreamedSpans::event));
				case "links" -> links = seen.once(16, objects(parser, value, StreamedSpans::link));
				case "resource" -> resource = seen.once(17, attributes(parser, value));
				// The thorough way checks endTime against the duration.
				case "endTime" -> expect(value == JsonToken.VALUE_NULL);
				default -> parser.skipChildren();
			}
		}
		expect(start != null && duration != null);
		return new Span(traceId, spanId, parentSpanId, name, kind, serviceName, environment, start, duration, status,
				httpMethod, httpRoute, httpStatusCode, peerService, attributes, events, links, resource);
	}

	private static SpanStatus status(JsonParser parser, JsonToken value) {
		if (value == JsonToken.VALUE_NULL) {
			return null;
		}
		expect(value == JsonToken.START_OBJECT);
		StatusCode code = null;
		String message = null;
		Fields seen = new Fields();
		for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
			String field = parser.currentName();
			JsonToken member = parser.nextToken();
			switch (field) {
				case "code" -> code = seen.once(0, constant(parser, member, StatusCode.values()));
				case "message" -> message = seen.once(1, string(parser, member));
				default -> parser.skipChildren();
			}
		}
		return new SpanStatus(code, message);
	}

	/**
	 * An array of objects read by {@code item}, or {@code null} for JSON {@code null}.
	 */
	private static <T> List<T> objects(JsonParser parser, JsonToken value, Function<JsonParser, T> item) {
		if (value == JsonToken.VALUE_NULL) {
			return null;
		}
		expect(value == JsonToken.START_ARRAY);
		List<T> items = new ArrayList<>();
		for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
			expect(token == JsonToken.START_OBJECT);
			items.add(item.apply(parser));
		}
		return items;
	}

	private static SpanEvent event(JsonParser parser) {
		Long time = null;
		String name = null;
		Map<String, Object> attributes = null;
		Fields seen = new Fields();
		for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
			String field = parser.currentName();
			JsonToken value = parser.nextToken();
			switch (field) {
				case "time" -> time = seen.once(0, micros(parser, value));
				case "name" -> name = seen.once(1, string(parser, value));
				case "attributes" -> attributes = seen.once(2, attributes(parser, value));
				default -> parser.skipChildren();
			}
		}
		expect(time != null);
		return new SpanEvent(time, name, attributes);
	}

	private static SpanLink link(JsonParser parser) {
		String traceId = null;
		String spanId = null;
		Map<String, Object> attributes = null;
		Fields seen = new Fields();
		for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
			String field = parser.currentName();
			JsonToken value = parser.nextToken();
			switch (field) {
				case "traceId" -> traceId = seen.once(0, string(parser, value));
				case "spanId" -> spanId = seen.once(1, string(parser, value));
				case "attributes" -> attributes = seen.once(2, attributes(parser, value));
				default -> parser.skipChildren();
			}
		}
		return new SpanLink(traceId, spanId, attributes);
	}

	/** A string, or {@code null} for JSON {@code null}. */
	private static String string(JsonParser parser, JsonToken value) {
		if (value == JsonToken.VALUE_NULL) {
			return null;
		}
		expect(value == JsonToken.VALUE_STRING);
		return parser.getString();
	}

	/** An enum constant written in any case, or {@code null} for JSON {@code null}. */
	private static <E extends Enum<E>> E constant(JsonParser parser, JsonToken value, E[] constants) {
		String text = string(parser, value);
		if (text == null) {
			return null;
		}
		String upper = text.toUpperCase(Locale.ROOT);
		for (E constant : constants) {
			if (constant.name().equals(upper)) {
				return constant;
			}
		}
		throw Unhandled.INSTANCE;
	}

	/** Epoch or duration microseconds written as a 64-bit integer. */
	private static Long micros(JsonParser parser, JsonToken value) {
		if (value == JsonToken.VALUE_NULL) {
			return null;
		}
		expect(value == JsonToken.VALUE_NUMBER_INT && fitsLong(parser));
		return parser.getLongValue();
	}

	private static Integer httpStatus(JsonParser parser, JsonToken value) {
		if (value == JsonToken.VALUE_NULL) {
			return null;
		}
		expect(value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT);
		return parser.getIntValue();
	}

	private static boolean fitsLong(JsonParser parser) {
		JsonParser.NumberType type = parser.getNumberType();
		return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG;
	}

	/**
	 * An attribute object as plain Java values, or {@code null} for JSON {@code null}.
	 */
	private static Map<String, Object> attributes(JsonParser parser, JsonToken value) {
		if (value == JsonToken.VALUE_NULL) {
			return null;
		}
		expect(value == JsonToken.START_OBJECT);
		return object(parser);
	}

	/** The members of an object, without those that are JSON {@code null}. */
	private static Map<String, Object> object(JsonParser parser) {
		Map<String, Object> map = new LinkedHashMap<>();
		List<String> nulls = null;
		for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
			String key = parser.currentName();
			Object element = element(parser, parser.nextToken());
			// A key given twice keeps its first place in the tree but its last value.
			expect(!map.containsKey(key) && (nulls == null || !nulls.contains(key)));
			if (element != null) {
				map.put(key, element);
			}
			else {
				nulls = (nulls != null) ? nulls : new ArrayList<>();
				nulls.add(key);
			}
		}
		return map;
	}

	private static Object element(JsonParser parser, JsonToken value) {
		switch (value) {
			case VALUE_STRING -> {
				return parser.getString();
			}
			case VALUE_NUMBER_INT -> {
				expect(fitsLong(parser));
				return parser.getLongValue();
			}
			case VALUE_NUMBER_FLOAT -> {
				double number = parser.getDoubleValue();
				expect(Double.isFinite(number));
				return number;
			}
			case VALUE_TRUE -> {
				return Boolean.TRUE;
			}
			case VALUE_FALSE -> {
				return Boolean.FALSE;
			}
			case VALUE_NULL -> {
				return null;
			}
			case START_OBJECT -> {
				return object(parser);
			}
			case START_ARRAY -> {
				List<Object> list = new ArrayList<>();
				for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
					list.add(element(parser, token));
				}
				return list;
			}
			default -> throw Unhandled.INSTANCE;
		}
	}

	private static void expect(boolean condition) {
		if (!condition) {
			throw Unhandled.INSTANCE;
		}
	}

	/** The fields of one object read so far, to give up on one given twice. */
	private static final class Fields {

		private int seen;

		<T> T once(int field, T value) {
			int bit = 1 << field;
			expect((this.seen & bit) == 0);
			this.seen |= bit;
			return value;
		}

	}

	/** Thrown to give up; carries no stack trace, as it is not an error. */
	private static final class Unhandled extends RuntimeException {

		private static final Unhandled INSTANCE = new Unhandled();

		private Unhandled() {
			super(null, null, false, false);
		}

	}

}
