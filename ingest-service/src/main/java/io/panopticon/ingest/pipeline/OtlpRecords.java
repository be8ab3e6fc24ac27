package io.panopticon.ingest.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.panopticon.common.telemetry.Decoded;
import io.panopticon.common.telemetry.FieldError;
import io.panopticon.common.telemetry.LogEvent;
import io.panopticon.common.telemetry.Span;
import io.panopticon.common.telemetry.TelemetryJson;
import io.panopticon.common.web.InvalidParameterException;
import io.panopticon.ingest.OtlpKafkaProperties.Encoding;
import io.panopticon.ingest.receiver.Converted;
import io.panopticon.ingest.receiver.Rejection;
import io.panopticon.ingest.receiver.otlp.OtlpExports;
import io.panopticon.ingest.receiver.otlp.OtlpJson;
import io.panopticon.ingest.receiver.otlp.OtlpLogs;
import io.panopticon.ingest.receiver.otlp.OtlpSpans;

/**
 * Decodes the records the OpenTelemetry Collector's {@code kafka} exporter writes: each
 * value is one {@code ExportTraceServiceRequest} or {@code ExportLogsServiceRequest}, in
 * binary protobuf ({@code otlp_proto}) or OTLP/JSON ({@code otlp_json}). The request is
 * parsed and converted by the OTLP receivers' own code, and every item then goes through
 * the Kafka JSON format, as an item an OTLP receiver published would, so that it is
 * stored exactly as that item.
 * <p>
 * The outcomes are the converted items in request order (their positions 0, 1, ...), then
 * the items the conversion rejected. A record that does not parse is one invalid outcome
 * carrying the raw value; an item the conversion rejects carries a one-item export
 * request (the item with its resource and scope) in the record's encoding, so that a
 * re-drive sends back a record the topic reads, and its reason names the item as the
 * receivers' partial success does.
 */
final class OtlpRecords {

	/** The header that, when present, names the encoding of the value. */
	static final String CONTENT_TYPE = "content-type";

	private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

	private static final Set<String> IDS = Set.of("traceId", "spanId", "parentSpanId");

	private static final HexFormat HEX = HexFormat.of();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private OtlpRecords() {
	}

	/**
	 * Decodes a record of the trace topic.
	 * @param record the record, not empty
	 * @param encoding the topic's encoding, for records without a content-type header
	 * @return the outcomes
	 */
	static List<Decoded<Span>> spans(ConsumerRecord<byte[], byte[]> record, Encoding encoding) {
		byte[] value = record.value();
		Encoding used;
		ExportTraceServiceRequest request;
		try {
			used = encodingOf(record.headers(), encoding);
			request = (used == Encoding.OTLP_JSON) ? OtlpJson.traces(value) : OtlpExports.parseTraces(value);
		}
		catch (InvalidParameterException ex) {
			return List.of(unparsable(ex, value));
		}
		return outcomes(OtlpSpans.convert(request), TelemetryJson::encode, TelemetryJson::decodeSpans,
				(item) -> write(oneSpan(request, item), used));
	}

	/**
	 * Decodes a record of the logs topic.
	 * @param record the record, not empty
	 * @param encoding the topic's encoding, for records without a content-type header
	 * @return the outcomes
	 */
	static List<Decoded<LogEvent>> logs(ConsumerRecord<byte[], byte[]> record, Encoding encoding) {
		byte[] value = record.value();
		Encoding used;
		ExportLogsServiceRequest request;
		try {
			used = encodingOf(record.headers(), encoding);
			request = (used == Encoding.OTLP_JSON) ? OtlpJson.logs(value) : OtlpExports.parseLogs(value);
		}
		catch (InvalidParameterException ex) {
			return List.of(unparsable(ex, value));
		}
		return outcomes(OtlpLogs.convert(request), TelemetryJson::encode, TelemetryJson::decodeLogs,
				(item) -> write(oneLogRecord(request, item), used));
	}

	/**
	 * The encoding of a record: its {@code content-type} header (any case) when it has
	 * one, as OTLP/HTTP reads it, else the topic's.
	 * @throws InvalidParameterException if the header names another type
	 */
	static Encoding encodingOf(Headers headers, Encoding topicEncoding) {
		for (Header header : headers) {
			if (!header.key().equalsIgnoreCase(CONTENT_TYPE) || header.value() == null) {
				continue;
			}
			String contentType = new String(header.value(), StandardCharsets.UTF_8);
			String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
			return switch (type) {
				case "application/x-protobuf", "application/protobuf" -> Encoding.OTLP_PROTO;
				case "application/json" -> Encoding.OTLP_JSON;
				default -> throw new InvalidParameterException(CONTENT_TYPE, "the record's content-type '" + contentType
						+ "' is not OTLP; application/x-protobuf or application/json are");
			};
		}
		return topicEncoding;
	}

	private static <T> Decoded<T> unparsable(InvalidParameterException ex, byte[] value) {
		return new Decoded<>(0, null, List.of(new FieldError(ex.getParameter(), ex.getMessage())), value);
	}

	/**
	 * The outcomes of a converted request: each item through the Kafka JSON format, then
	 * the rejections.
	 */
	private static <T> List<Decoded<T>> outcomes(Converted<T> converted, Function<T, byte[]> encode,
			Function<byte[], List<Decoded<T>>> decode, Function<String, byte[]> rejectedItem) {
		List<Decoded<T>> outcomes = new ArrayList<>(converted.total());
		for (Converted.Located<T> item : converted.items()) {
			Decoded<T> decoded = decode.apply(encode.apply(item.value())).get(0);
			List<FieldError> errors = decoded.errors()
				.stream()
				.map((error) -> new FieldError(item.item() + "." + error.field(), error.reason()))
				.toList();
			outcomes.add(new Decoded<>(outcomes.size(), decoded.value(), errors, decoded.json()));
		}
		for (Rejection rejection : converted.rejections()) {
			outcomes
				.add(new Decoded<>(outcomes.size(), null, List.of(new FieldError(rejection.item(), rejection.reason())),
						rejectedItem.apply(rejection.item())));
		}
		return outcomes;
	}

	/**
	 * A request in an encoding as the exporter writes it: protobuf, or OTLP/JSON, which
	 * is protobuf's JSON mapping with trace and span ids in hex rather than base64.
	 */
	static byte[] write(Message request, Encoding encoding) {
		if (encoding == Encoding.OTLP_PROTO) {
			return request.toByteArray();
		}
		JsonNode json = JSON.readTree(OtlpJson.write(request));
		hexIds(json);
		return JSON.writeValueAsBytes(json);
	}

	/**
	 * Rewrites every id field from base64 to hex. In trace and logs requests only ids
	 * have these names; attribute keys are values of {@code key}, not field names.
	 */
	private static void hexIds(JsonNode node) {
		if (node.isArray()) {
			node.forEach(OtlpRecords::hexIds);
			return;
		}
		if (!node.isObject()) {
			return;
		}
		for (Map.Entry<String, JsonNode> field : node.properties()) {
			if (IDS.contains(field.getKey()) && field.getValue().isString()) {
				((ObjectNode) node).put(field.getKey(),
						HEX.formatHex(Base64.getDecoder().decode(field.getValue().stringValue())));
			}
			else {
				hexIds(field.getValue());
			}
		}
	}

	private static Message oneSpan(ExportTraceServiceRequest request, String item) {
		int[] at = indices(item);
		ResourceSpans resource = request.getResourceSpans(at[0]);
		ScopeSpans scope = resource.getScopeSpans(at[1]);
		return ExportTraceServiceRequest.newBuilder()
			.addResourceSpans(resource.toBuilder()
				.clearScopeSpans()
				.addScopeSpans(scope.toBuilder().clearSpans().addSpans(scope.getSpans(at[2]))))
			.build();
	}

	private static Message oneLogRecord(ExportLogsServiceRequest request, String item) {
		int[] at = indices(item);
		ResourceLogs resource = request.getResourceLogs(at[0]);
		ScopeLogs scope = resource.getScopeLogs(at[1]);
		return ExportLogsServiceRequest.newBuilder()
			.addResourceLogs(resource.toBuilder()
				.clearScopeLogs()
				.addScopeLogs(scope.toBuilder().clearLogRecords().addLogRecords(scope.getLogRecords(at[2]))))
			.build();
	}

	/**
	 * The three indices of an item's location as the converters name it, such as
	 * {@code resourceSpans[0].scopeSpans[1].spans[3]}.
	 */
	static int[] indices(String item) {
		Matcher matcher = INDEX.matcher(item);
		int[] indices = new int[3];
		for (int i = 0; i < indices.length; i++) {
			if (!matcher.find()) {
				throw new IllegalArgumentException("not an item location: " + item);
			}
			indices[i] = Integer.parseInt(matcher.group(1));
		}
		return indices;
	}

}
