package io.panopticon.ingest.receiver.otlp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.panopticon.common.web.InvalidParameterException;

/**
 * OTLP/JSON (the OTLP specification's JSON encoding) into the protobuf messages, so that
 * one mapping serves both encodings.
 * <p>
 * OTLP/JSON is protobuf's JSON mapping with one exception that a generic parser gets
 * wrong: trace and span ids are hex strings, not base64. They are rewritten to base64
 * before protobuf's parser reads the rest, which takes enums as names or numbers, 64-bit
 * integers as strings or numbers, field names in lowerCamelCase or as in the
 * {@code .proto}, and ignores unknown fields, as the specification asks of receivers.
 */
public final class OtlpJson {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

	private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

	private static final HexFormat HEX = HexFormat.of();

	/** Decimal digits of an unsigned 64-bit integer. */
	private static final Pattern DECIMAL_TIME = Pattern.compile("[0-9]{1,20}");

	private OtlpJson() {
	}

	/**
	 * Reads an OTLP/JSON trace export request.
	 * @param body the request body, UTF-8 JSON
	 * @return the request
	 * @throws InvalidParameterException if the body is not OTLP/JSON, naming where
	 */
	public static ExportTraceServiceRequest traces(byte[] body) {
		ObjectNode root = object(body);
		for (JsonNodeAt resource : JsonNodeAt.each(root, "resourceSpans", "resource_spans", "")) {
			for (JsonNodeAt scope : JsonNodeAt.each(resource.node(), "scopeSpans", "scope_spans", resource.path())) {
				for (JsonNodeAt span : JsonNodeAt.each(scope.node(), "spans", "spans", scope.path())) {
					ids(span, "traceId", "trace_id");
					ids(span, "spanId", "span_id");
					ids(span, "parentSpanId", "parent_span_id");
					for (JsonNodeAt link : JsonNodeAt.each(span.node(), "links", "links", span.path())) {
						ids(link, "traceId", "trace_id");
						ids(link, "spanId", "span_id");
					}
				}
			}
		}
		ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
		merge(root, request);
		return request.build();
	}

	/**
	 * Reads an OTLP/JSON logs export request.
	 * @param body the request body, UTF-8 JSON
	 * @return the request
	 * @throws InvalidParameterException if the body is not OTLP/JSON, naming where
	 */
	public static ExportLogsServiceRequest logs(byte[] body) {
		ObjectNode root = object(body);
		for (JsonNodeAt resource : JsonNodeAt.each(root, "resourceLogs", "resource_logs", "")) {
			for (JsonNodeAt scope : JsonNodeAt.each(resource.node(), "scopeLogs", "scope_logs", resource.path())) {
				for (JsonNodeAt record : JsonNodeAt.each(scope.node(), "logRecords", "log_records", scope.path())) {
					ids(record, "traceId", "trace_id");
					ids(record, "spanId", "span_id");
				}
			}
		}
		ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
		merge(root, request);
		return request.build();
	}

	/**
	 * Writes a response message as OTLP/JSON.
	 * @param message the response
	 * @return UTF-8 JSON
	 */
	public static byte[] write(Message message) {
		try {
			return PRINTER.print(message).getBytes(StandardCharsets.UTF_8);
		}
		catch (InvalidProtocolBufferException ex) {
			// Only messages with Any fields of unknown types fail; responses have none.
			throw new IllegalStateException(ex);
		}
	}

	private static ObjectNode object(byte[] body) {
		JsonNode root;
		try {
			root = MAPPER.readTree(body);
		}
		catch (JacksonException ex) {
			throw new InvalidParameterException("$", "is not valid JSON: " + ex.getOriginalMessage());
		}
		if (root == null || !root.isObject()) {
			throw new InvalidParameterException("$", "must be a JSON object (an OTLP export request)");
		}
		return (ObjectNode) root;
	}

	private static void merge(ObjectNode root, Message.Builder builder) {
		checkTimes(root, "");
		try {
			PARSER.merge(MAPPER.writeValueAsString(root), builder);
		}
		catch (InvalidProtocolBufferException | RuntimeException ex) {
			throw new InvalidParameterException("$", "is not an OTLP/JSON export request: " + ex.getMessage());
		}
	}

	/**
	 * Refuses timestamps ({@code ...UnixNano}) that are not plain decimal integers.
	 * Protobuf's parser reads a 64-bit unsigned integer given as a string through
	 * {@code BigDecimal.toBigIntegerExact()}, so a string such as {@code "1e74000010"}
	 * would hold a request thread for minutes; senders write decimal digits.
	 */
	private static void checkTimes(JsonNode node, String path) {
		if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				checkTimes(node.get(i), path + "[" + i + "]");
			}
			return;
		}
		for (Map.Entry<String, JsonNode> field : node.properties()) {
			String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
			JsonNode value = field.getValue();
			if (!field.getKey().endsWith("UnixNano") && !field.getKey().endsWith("_unix_nano")) {
				checkTimes(value, at);
			}
			else if (!value.isNull() && !value.isIntegralNumber()
					&& !(value.isString() && DECIMAL_TIME.matcher(value.stringValue()).matches())) {
				throw new InvalidParameterException(at,
						"must be nanoseconds since the epoch in decimal digits: " + abbreviate(value.toString()));
			}
		}
	}

	/** Rewrites an id field from hex to base64, whichever of its two names it has. */
	private static void ids(JsonNodeAt item, String name, String protoName) {
		ObjectNode object = (ObjectNode) item.node();
		for (String field : new String[] { name, protoName }) {
			JsonNode value = object.get(field);
			if (value == null || value.isNull()) {
				continue;
			}
			String path = item.path() + "." + name;
			if (!value.isString()) {
				throw new InvalidParameterException(path, "must be a string of hexadecimal digits");
			}
			byte[] bytes;
			try {
				bytes = HEX.parseHex(value.stringValue());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidParameterException(path,
						"must be hexadecimal digits (OTLP/JSON carries ids as hex, not base64): '"
								+ abbreviate(value.stringValue()) + "'");
			}
			object.put(field, Base64.getEncoder().encodeToString(bytes));
		}
	}

	private static String abbreviate(String text) {
		return (text.length() <= 64) ? text : text.substring(0, 64) + "...";
	}

	/**
	 * An object in the request and its path, for messages.
	 *
	 * @param node the object
	 * @param path where it is, such as {@code resourceSpans[0].scopeSpans[1]}
	 */
	private record JsonNodeAt(JsonNode node, String path) {

		/**
		 * The objects of an array field (under either name); elements that are not
		 * objects are left for protobuf's parser to refuse.
		 */
		static List<JsonNodeAt> each(JsonNode parent, String name, String protoName, String parentPath) {
			JsonNode array = parent.get(name);
			String used = name;
			if (array == null || array.isNull()) {
				array = parent.get(protoName);
				used = protoName;
			}
			if (array == null || !array.isArray()) {
				return List.of();
			}
			List<JsonNodeAt> objects = new ArrayList<>(array.size());
			String prefix = parentPath.isEmpty() ? used : parentPath + "." + used;
			for (int i = 0; i < array.size(); i++) {
				if (array.get(i).isObject()) {
					objects.add(new JsonNodeAt(array.get(i), prefix + "[" + i + "]"));
				}
			}
			return objects;
		}

	}

}
