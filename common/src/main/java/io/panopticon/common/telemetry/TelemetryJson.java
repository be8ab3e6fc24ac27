package io.panopticon.common.telemetry;

import java.io.ByteArrayOutputStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes and encodes the Kafka JSON format for spans and log events (documented in
 * {@code docs/formats.md}).
 * <p>
 * A record value holds one JSON object or a JSON array of them. Decoding never throws for
 * bad input: it returns one {@link Decoded} per item, either the normalised item or every
 * {@link FieldError} found in it, so that valid items of a record are indexed and each
 * invalid one can be dead-lettered on its own. A value that is not JSON, or is JSON but
 * neither an object nor an array, yields a single invalid outcome for the whole value,
 * named {@link FieldError#ROOT}. An empty array yields no outcomes.
 * <p>
 * Rules beyond the types: {@code null} is the same as an absent field; unknown fields are
 * ignored; enum values are accepted in any case; times are epoch microseconds (an
 * integer) or an ISO-8601 date-time with an offset, such as
 * {@code 2025-11-21T08:00:00.123456Z} (finer digits are truncated to the microsecond),
 * from 1970 to 2262-04-11, and a span must end by then too. Whether a time or a duration
 * is plausible (not in the future, not past retention, a span not longer than a day) is
 * not checked here; see {@link TimeWindow}.
 * <p>
 * Thread-safe; all methods are static.
 */
public final class TelemetryJson {

	// Trailing content is checked by hand: reading an array item must
	// stop at its end without complaining about the next one.
	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private static final ObjectReader READER = MAPPER.reader();

	private TelemetryJson() {
	}

	/**
	 * Decodes the spans in a Kafka record value.
	 * @param value the record value; {@code null} (a tombstone) is reported as empty
	 * @return one outcome per item, in record order
	 */
	public static List<Decoded<Span>> decodeSpans(byte[] value) {
		List<Decoded<Span>> streamed = (value != null) ? StreamedSpans.decode(MAPPER, value) : null;
		return (streamed != null) ? streamed : decodeSpansThoroughly(value);
	}

	/**
	 * Decodes spans through a JSON tree, which finds and names every problem;
	 * {@link #decodeSpans} takes this way only when {@link StreamedSpans} gives up.
	 */
	static List<Decoded<Span>> decodeSpansThoroughly(byte[] value) {
		return decode(value, TelemetryJson::span);
	}

	/**
	 * Decodes the log events in a Kafka record value.
	 * @param value the record value; {@code null} (a tombstone) is reported as empty
	 * @return one outcome per item, in record order
	 */
	public static List<Decoded<LogEvent>> decodeLogs(byte[] value) {
		return decode(value, TelemetryJson::logEvent);
	}

	/**
	 * Encodes a span as one JSON object of the Kafka format, with times as epoch
	 * microseconds and without absent optional fields; {@code decodeSpans(encode(span))}
	 * yields {@code span}.
	 * @param span the span
	 * @return UTF-8 JSON
	 */
	public static byte[] encode(Span span) {
		// Streamed rather than through toJson: receivers encode every span they accept,
		// and building a tree first costs several times as much.
		ByteArrayOutputStream out = new ByteArrayOutputStream(512);
		try (JsonGenerator json = MAPPER.createGenerator(out)) {
			json.writeStartObject();
			json.writeStringProperty("traceId", span.traceId());
			json.writeStringProperty("spanId", span.spanId());
			writeIfPresent(json, "parentSpanId", span.parentSpanId());
			json.writeStringProperty("name", span.name());
			json.writeStringProperty("kind", span.kind().name());
			json.writeStringProperty("serviceName", span.serviceName());
			writeIfPresent(json, "environment", span.environment());
			json.writeNumberProperty("startTime", span.startTimeMicros());
			json.writeNumberProperty("durationMicros", span.durationMicros());
			json.writeObjectPropertyStart("status");
			json.writeStringProperty("code", span.status().code().name());
			writeIfPresent(json, "message", span.status().message());
			json.writeEndObject();
			writeIfPresent(json, "httpMethod", span.httpMethod());
			writeIfPresent(json, "httpRoute", span.httpRoute());
			if (span.httpStatusCode() != null) {
				json.writeNumberProperty("httpStatusCode", span.httpStatusCode().intValue());
			}
			writeIfPresent(json, "peerService", span.peerService());
			writeIfPresent(json, "attributes", span.attributes());
			if (!span.events().isEmpty()) {
				json.writeArrayPropertyStart("events");
				for (SpanEvent event : span.events()) {
					json.writeStartObject();
					json.writeNumberProperty("time", event.timeMicros());
					json.writeStringProperty("name", event.name());
					writeIfPresent(json, "attributes", event.attributes());
					json.writeEndObject();
				}
				json.writeEndArray();
			}
			if (!span.links().isEmpty()) {
				json.writeArrayPropertyStart("links");
				for (SpanLink link : span.links()) {
					json.writeStartObject();
					json.writeStringProperty("traceId", link.traceId());
					json.writeStringProperty("spanId", link.spanId());
					writeIfPresent(json, "attributes", link.attributes());
					json.writeEndObject();
				}
				json.writeEndArray();
			}
			writeIfPresent(json, "resource", span.resource());
			json.writeEndObject();
		}
		return out.toByteArray();
	}

	/**
	 * Encodes a log event as one JSON object of the Kafka format, with the timestamp as
	 * epoch microseconds and without absent optional fields;
	 * {@code decodeLogs(encode(event))} yields {@code event}.
	 * @param event the log event
	 * @return UTF-8 JSON
	 */
	public static byte[] encode(LogEvent event) {
		return encode(event, null);
	}

	/**
	 * Encodes a log event as {@link #encode(LogEvent)} does, with an {@code id} member
	 * first when {@code id} is not null (the form of {@link ErrorLogRecord}).
	 */
	static byte[] encode(LogEvent event, String id) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(256);
		try (JsonGenerator json = MAPPER.createGenerator(out)) {
			json.writeStartObject();
			writeIfPresent(json, "id", id);
			json.writeNumberProperty("timestamp", event.timestampMicros());
			json.writeStringProperty("serviceName", event.serviceName());
			writeIfPresent(json, "environment", event.environment());
			json.writeStringProperty("level", event.level().name());
			json.writeStringProperty("message", event.message());
			writeIfPresent(json, "traceId", event.traceId());
			writeIfPresent(json, "spanId", event.spanId());
			writeIfPresent(json, "attributes", event.attributes());
			json.writeEndObject();
		}
		return out.toByteArray();
	}

	private static void writeIfPresent(JsonGenerator json, String name, String value) {
		if (value != null) {
			json.writeStringProperty(name, value);
		}
	}

	private static void writeIfPresent(JsonGenerator json, String name, Map<String, Object> attributes) {
		if (attributes.isEmpty()) {
			return;
		}
		json.writeObjectPropertyStart(name);
		for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
			json.writeName(attribute.getKey());
			// Strings and integers are nearly all attributes; the mapper takes the rest.
			if (attribute.getValue() instanceof String text) {
				json.writeString(text);
			}
			else if (attribute.getValue() instanceof Long number) {
				json.writeNumber(number.longValue());
			}
			else {
				json.writePOJO(attribute.getValue());
			}
		}
		json.writeEndObject();
	}

	/**
	 * Returns the JSON object {@link #encode(Span)} writes, with the same members in the
	 * same order, for callers that add fields.
	 * @param span the span
	 * @return a new object node
	 */
	public static ObjectNode toJson(Span span) {
		ObjectNode json = MAPPER.createObjectNode();
		json.put("traceId", span.traceId());
		json.put("spanId", span.spanId());
		putIfPresent(json, "parentSpanId", span.parentSpanId());
		json.put("name", span.name());
		json.put("kind", span.kind().name());
		json.put("serviceName", span.serviceName());
		putIfPresent(json, "environment", span.environment());
		json.put("startTime", span.startTimeMicros());
		json.put("durationMicros", span.durationMicros());
		ObjectNode status = json.putObject("status");
		status.put("code", span.status().code().name());
		putIfPresent(status, "message", span.status().message());
		putIfPresent(json, "httpMethod", span.httpMethod());
		putIfPresent(json, "httpRoute", span.httpRoute());
		if (span.httpStatusCode() != null) {
			json.put("httpStatusCode", span.httpStatusCode());
		}
		putIfPresent(json, "peerService", span.peerService());
		putIfPresent(json, "attributes", span.attributes());
		if (!span.events().isEmpty()) {
			ArrayNode events = json.putArray("events");
			for (SpanEvent event : span.events()) {
				ObjectNode item = events.addObject();
				item.put("time", event.timeMicros());
				item.put("name", event.name());
				putIfPresent(item, "attributes", event.attributes());
			}
		}
		if (!span.links().isEmpty()) {
			ArrayNode links = json.putArray("links");
			for (SpanLink link : span.links()) {
				ObjectNode item = links.addObject();
				item.put("traceId", link.traceId());
				item.put("spanId", link.spanId());
				putIfPresent(item, "attributes", link.attributes());
			}
		}
		putIfPresent(json, "resource", span.resource());
		return json;
	}

	/**
	 * Returns the JSON object {@link #encode(LogEvent)} writes, with the same members in
	 * the same order, for callers that add fields ({@link ErrorLogRecord} writes its
	 * {@code id} in the stream instead, which costs less).
	 * @param event the log event
	 * @return a new object node
	 */
	public static ObjectNode toJson(LogEvent event) {
		ObjectNode json = MAPPER.createObjectNode();
		json.put("timestamp", event.timestampMicros());
		json.put("serviceName", event.serviceName());
		putIfPresent(json, "environment", event.environment());
		json.put("level", event.level().name());
		json.put("message", event.message());
		putIfPresent(json, "traceId", event.traceId());
		putIfPresent(json, "spanId", event.spanId());
		putIfPresent(json, "attributes", event.attributes());
		return json;
	}

	private static void putIfPresent(ObjectNode json, String name, String value) {
		if (value != null) {
			json.put(name, value);
		}
	}

	private static void putIfPresent(ObjectNode json, String name, Map<String, Object> attributes) {
		if (!attributes.isEmpty()) {
			json.set(name, MAPPER.valueToTree(attributes));
		}
	}

	private static <T> List<Decoded<T>> decode(byte[] value, Function<Fields, T> decoder) {
		byte[] json = (value != null) ? value : new byte[0];
		Split split;
		try {
			split = split(json);
		}
		catch (JacksonException ex) {
			split = Split.problem("is not valid JSON: " + ex.getOriginalMessage());
		}
		if (split.problem() != null) {
			return List.of(Decoded.invalid(0, List.of(new FieldError(FieldError.ROOT, split.problem())), json));
		}
		List<Decoded<T>> decoded = new ArrayList<>(split.items().size());
		for (int index = 0; index < split.items().size(); index++) {
			decoded.add(decodeItem(index, split.items().get(index), decoder));
		}
		return Collections.unmodifiableList(decoded);
	}

	/**
	 * Decodes the log event in a JSON object that may hold further members (the form of
	 * {@link ErrorLogRecord}), by the rules of {@link #decodeLogs}.
	 * @param object the object
	 * @param json its bytes, kept in the outcome
	 * @return the outcome
	 */
	static Decoded<LogEvent> decodeLog(JsonNode object, byte[] json) {
		return decodeItem(0, new RawItem(object, json), TelemetryJson::logEvent);
	}

	/**
	 * Reads a JSON tree by the rules of this codec.
	 * @throws JacksonException if the value is not JSON
	 */
	static JsonNode readTree(byte[] value) {
		return READER.readTree(value);
	}

	private static <T> Decoded<T> decodeItem(int index, RawItem item, Function<Fields, T> decoder) {
		if (!item.node().isObject()) {
			return Decoded.invalid(index, List.of(new FieldError(FieldError.ROOT, "must be a JSON object")),
					item.json());
		}
		List<FieldError> errors = new ArrayList<>();
		T value;
		try {
			value = decoder.apply(new Fields(item.node(), "", errors));
		}
		catch (IllegalArgumentException ex) {
			// The checks here mirror the model's constructors. Should they ever
			// disagree, the item is dead-lettered rather than failing the batch.
			errors.add(new FieldError(FieldError.ROOT, ex.getMessage()));
			value = null;
		}
		return errors.isEmpty() ? Decoded.valid(index, value, item.json())
				: Decoded.invalid(index, errors, item.json());
	}

	/**
	 * Splits a record value into its items, keeping each item's own bytes for
	 * dead-lettering. The whole value is read before anything is decoded, so a value that
	 * breaks off half way is rejected as a whole rather than partly indexed.
	 * @throws JacksonException when the value is not JSON
	 */
	private static Split split(byte[] value) {
		try (JsonParser parser = MAPPER.createParser(value)) {
			JsonToken first = parser.nextToken();
			if (first == null) {
				return Split.problem("is empty");
			}
			List<RawItem> items = new ArrayList<>();
			if (first == JsonToken.START_OBJECT) {
				items.add(new RawItem(READER.readTree(parser), value));
			}
			else if (first == JsonToken.START_ARRAY) {
				while (parser.nextToken() != JsonToken.END_ARRAY) {
					long start = parser.currentTokenLocation().getByteOffset();
					JsonNode node = READER.readTree(parser);
					long end = parser.currentLocation().getByteOffset();
					items.add(new RawItem(node, slice(value, start, end, node)));
				}
			}
			else {
				READER.readTree(parser);
				items = null;
			}
			JsonToken trailing = parser.nextToken();
			if (trailing != null) {
				throw new StreamReadException(parser, "Unexpected " + trailing + " after the top-level value");
			}
			return (items != null) ? new Split(items, null)
					: Split.problem("must be a JSON object or an array of objects");
		}
	}

	private static byte[] slice(byte[] value, long start, long end, JsonNode node) {
		if (start < 0 || end <= start || end > value.length) {
			// Offsets are unknown for input the parser decoded as UTF-16 or UTF-32.
			return MAPPER.writeValueAsBytes(node);
		}
		byte[] json = new byte[(int) (end - start)];
		System.arraycopy(value, (int) start, json, 0, json.length);
		return json;
	}

	private record Split(List<RawItem> items, String problem) {

		static Split problem(String problem) {
			return new Split(null, problem);
		}

	}

	private record RawItem(JsonNode node, byte[] json) {
	}

	private static Span span(Fields fields) {
		String traceId = fields.requiredTraceId("traceId");
		String spanId = fields.requiredSpanId("spanId");
		String parentSpanId = fields.parentSpanId("parentSpanId");
		String name = fields.requiredText("name");
		SpanKind kind = fields.optionalEnum("kind", SpanKind.class);
		String serviceName = fields.requiredText("serviceName");
		String environment = fields.optionalString("environment");
		Long start = fields.requiredTime("startTime");
		Long duration = fields.duration(start);
		SpanStatus status = fields.status("status");
		String httpMethod = fields.optionalString("httpMethod");
		String httpRoute = fields.optionalString("httpRoute");
		Integer httpStatusCode = fields.optionalInt("httpStatusCode", Span.MIN_HTTP_STATUS, Span.MAX_HTTP_STATUS);
		String peerService = fields.optionalString("peerService");
		Map<String, Object> attributes = fields.attributes("attributes");
		List<SpanEvent> events = fields.objects("events", TelemetryJson::event);
		List<SpanLink> links = fields.objects("links", TelemetryJson::link);
		Map<String, Object> resource = fields.attributes("resource");
		if (fields.hasErrors()) {
			return null;
		}
		return new Span(traceId, spanId, parentSpanId, name, kind, serviceName, environment, start, duration, status,
				httpMethod, httpRoute, httpStatusCode, peerService, attributes, events, links, resource);
	}

	private static SpanEvent event(Fields fields) {
		Long time = fields.requiredTime("time");
		String name = fields.requiredText("name");
		Map<String, Object> attributes = fields.attributes("attributes");
		return fields.hasErrors() ? null : new SpanEvent(time, name, attributes);
	}

	private static SpanLink link(Fields fields) {
		String traceId = fields.requiredTraceId("traceId");
		String spanId = fields.requiredSpanId("spanId");
		Map<String, Object> attributes = fields.attributes("attributes");
		return fields.hasErrors() ? null : new SpanLink(traceId, spanId, attributes);
	}

	private static LogEvent logEvent(Fields fields) {
		Long timestamp = fields.requiredTime("timestamp");
		String serviceName = fields.requiredText("serviceName");
		String environment = fields.optionalString("environment");
		LogLevel level = fields.requiredEnum("level", LogLevel.class);
		String message = fields.requiredText("message");
		String traceId = fields.optionalTraceId("traceId");
		String spanId = fields.optionalSpanId("spanId");
		Map<String, Object> attributes = fields.attributes("attributes");
		if (fields.hasErrors()) {
			return null;
		}
		return new LogEvent(timestamp, serviceName, environment, level, message, traceId, spanId, attributes);
	}

	/**
	 * Reads the fields of one JSON object, recording every problem under its path instead
	 * of stopping at the first. Each reader returns {@code null} when the field is absent
	 * or invalid.
	 */
	private static final class Fields {

		private static final String TIME_RULE = "must be epoch microseconds (an integer) or an ISO-8601 date-time"
				+ " with an offset, such as 2025-11-21T08:00:00.123456Z";

		private final JsonNode object;

		private final String prefix;

		private final List<FieldError> errors;

		private final int errorsBefore;

		Fields(JsonNode object, String prefix, List<FieldError> errors) {
			this.object = object;
			this.prefix = prefix;
			this.errors = errors;
			this.errorsBefore = errors.size();
		}

		/** Whether this object (not counting problems found before it) has problems. */
		boolean hasErrors() {
			return this.errors.size() > this.errorsBefore;
		}

		private void error(String name, String reason) {
			this.errors.add(new FieldError(this.prefix + name, reason));
		}

		/** The field's value, or {@code null} when it is absent or JSON {@code null}. */
		private JsonNode get(String name) {
			JsonNode value = this.object.get(name);
			return (value == null || value.isNull()) ? null : value;
		}

		private JsonNode required(String name) {
			JsonNode value = get(name);
			if (value == null) {
				error(name, "is required");
			}
			return value;
		}

		String optionalString(String name) {
			JsonNode value = get(name);
			if (value == null) {
				return null;
			}
			if (!value.isString()) {
				error(name, "must be a string");
				return null;
			}
			return value.stringValue();
		}

		String requiredText(String name) {
			JsonNode value = required(name);
			if (value == null) {
				return null;
			}
			if (!value.isString()) {
				error(name, "must be a string");
				return null;
			}
			if (value.stringValue().isBlank()) {
				error(name, "must not be blank");
				return null;
			}
			return value.stringValue();
		}

		String requiredTraceId(String name) {
			return (required(name) != null) ? traceId(name) : null;
		}

		String optionalTraceId(String name) {
			String id = optionalString(name);
			return (id == null || id.isEmpty()) ? null : checked(name, Ids.normaliseTraceId(id), Ids.TRACE_ID_RULE);
		}

		private String traceId(String name) {
			String id = optionalString(name);
			return (id != null) ? checked(name, Ids.normaliseTraceId(id), Ids.TRACE_ID_RULE) : null;
		}

		String requiredSpanId(String name) {
			if (required(name) == null) {
				return null;
			}
			String id = optionalString(name);
			return (id != null) ? checked(name, Ids.normaliseSpanId(id), Ids.SPAN_ID_RULE) : null;
		}

		String optionalSpanId(String name) {
			String id = optionalString(name);
			return (id == null || id.isEmpty()) ? null : checked(name, Ids.normaliseSpanId(id), Ids.SPAN_ID_RULE);
		}

		/** Like an optional span id, but sixteen zeros also mean "no parent". */
		String parentSpanId(String name) {
			String id = optionalString(name);
			if (id == null || id.isEmpty() || id.equals("0000000000000000")) {
				return null;
			}
			return checked(name, Ids.normaliseSpanId(id), Ids.SPAN_ID_RULE);
		}

		private String checked(String name, String normalised, String rule) {
			if (normalised == null) {
				error(name, rule);
			}
			return normalised;
		}

		<E extends Enum<E>> E optionalEnum(String name, Class<E> type) {
			JsonNode value = get(name);
			return (value != null) ? enumValue(name, value, type) : null;
		}

		<E extends Enum<E>> E requiredEnum(String name, Class<E> type) {
			JsonNode value = required(name);
			return (value != null) ? enumValue(name, value, type) : null;
		}

		private <E extends Enum<E>> E enumValue(String name, JsonNode value, Class<E> type) {
			if (value.isString()) {
				String text = value.stringValue().toUpperCase(Locale.ROOT);
				for (E constant : type.getEnumConstants()) {
					if (constant.name().equals(text)) {
						return constant;
					}
				}
			}
			List<String> allowed = new ArrayList<>();
			for (E constant : type.getEnumConstants()) {
				allowed.add(constant.name());
			}
			error(name, "must be one of " + String.join(", ", allowed));
			return null;
		}

		Integer optionalInt(String name, int min, int max) {
			JsonNode value = get(name);
			if (value == null) {
				return null;
			}
			if (!value.isIntegralNumber()) {
				error(name, "must be an integer");
				return null;
			}
			if (!value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
				error(name, "must be between " + min + " and " + max);
				return null;
			}
			return value.intValue();
		}

		Long requiredTime(String name) {
			return (required(name) != null) ? time(name) : null;
		}

		private Long time(String name) {
			JsonNode value = get(name);
			if (value == null) {
				return null;
			}
			long micros;
			if (value.isIntegralNumber()) {
				if (!value.canConvertToLong()) {
					error(name, "is out of range");
					return null;
				}
				micros = value.longValue();
			}
			else if (value.isString()) {
				try {
					Instant instant = OffsetDateTime.parse(value.stringValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
						.toInstant();
					micros = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
							instant.getNano() / 1_000);
				}
				catch (DateTimeException | ArithmeticException ex) {
					error(name, TIME_RULE);
					return null;
				}
			}
			else {
				error(name, TIME_RULE);
				return null;
			}
			if (micros < 0) {
				error(name, "must not be before 1970");
				return null;
			}
			if (micros > Values.MAX_EPOCH_MICROS) {
				error(name, "must not be after " + Values.MAX_TIME_TEXT);
				return null;
			}
			return micros;
		}

		/**
		 * The duration from {@code durationMicros}, or from {@code endTime} minus the
		 * start. When both are given they must agree.
		 */
		Long duration(Long start) {
			JsonNode durationValue = get("durationMicros");
			JsonNode endValue = get("endTime");
			if (durationValue == null && endValue == null) {
				error("durationMicros", "is required (or endTime)");
				return null;
			}
			Long duration = null;
			if (durationValue != null) {
				if (!durationValue.isIntegralNumber() || !durationValue.canConvertToLong()) {
					error("durationMicros", "must be an integer number of microseconds");
				}
				else if (durationValue.longValue() < 0) {
					error("durationMicros", "must not be negative");
				}
				else {
					duration = durationValue.longValue();
				}
			}
			if (duration != null && start != null && duration > Values.MAX_EPOCH_MICROS - start) {
				error("durationMicros", "must not make the span end after " + Values.MAX_TIME_TEXT);
				return null;
			}
			Long end = time("endTime");
			if (end == null || start == null) {
				return duration;
			}
			if (end < start) {
				error("endTime", "must not be before startTime");
				return null;
			}
			if (duration != null && duration != end - start) {
				error("endTime", "disagrees with durationMicros");
				return null;
			}
			return (durationValue != null) ? duration : Long.valueOf(end - start);
		}

		SpanStatus status(String name) {
			JsonNode value = get(name);
			if (value == null) {
				return SpanStatus.UNSET;
			}
			if (!value.isObject()) {
				error(name, "must be an object");
				return null;
			}
			Fields status = new Fields(value, this.prefix + name + ".", this.errors);
			StatusCode code = status.optionalEnum("code", StatusCode.class);
			String message = status.optionalString("message");
			return status.hasErrors() ? null : new SpanStatus(code, message);
		}

		Map<String, Object> attributes(String name) {
			JsonNode value = get(name);
			if (value == null) {
				return Map.of();
			}
			if (!value.isObject()) {
				error(name, "must be an object");
				return null;
			}
			@SuppressWarnings("unchecked")
			Map<String, Object> attributes = (Map<String, Object>) toJava(value, this.prefix + name);
			return attributes;
		}

		/** JSON to plain Java values, as {@link Attributes} expects them. */
		private Object toJava(JsonNode value, String path) {
			switch (value.getNodeType()) {
				case OBJECT -> {
					Map<String, Object> map = new LinkedHashMap<>();
					for (Map.Entry<String, JsonNode> property : value.properties()) {
						if (!property.getValue().isNull()) {
							map.put(property.getKey(), toJava(property.getValue(), path + "." + property.getKey()));
						}
					}
					return map;
				}
				case ARRAY -> {
					List<Object> list = new ArrayList<>(value.size());
					for (int i = 0; i < value.size(); i++) {
						list.add(toJava(value.get(i), path + "[" + i + "]"));
					}
					return list;
				}
				case STRING -> {
					return value.stringValue();
				}
				case BOOLEAN -> {
					return value.booleanValue();
				}
				case NUMBER -> {
					if (value.isIntegralNumber()) {
						return value.canConvertToLong() ? (Object) value.longValue() : value.bigIntegerValue();
					}
					if (!Double.isFinite(value.doubleValue())) {
						this.errors.add(new FieldError(path, "must be a finite number"));
						return null;
					}
					return value.doubleValue();
				}
				default -> {
					// JSON null; a parsed tree holds no other node types.
					return null;
				}
			}
		}

		<T> List<T> objects(String name, Function<Fields, T> decoder) {
			JsonNode value = get(name);
			if (value == null) {
				return List.of();
			}
			if (!value.isArray()) {
				error(name, "must be an array");
				return null;
			}
			List<T> items = new ArrayList<>(value.size());
			for (int i = 0; i < value.size(); i++) {
				JsonNode item = value.get(i);
				String path = name + "[" + i + "]";
				if (!item.isObject()) {
					error(path, "must be an object");
					continue;
				}
				T decoded = decoder.apply(new Fields(item, this.prefix + path + ".", this.errors));
				if (decoded != null) {
					items.add(decoded);
				}
			}
			return items;
		}

	}

}
