package io.panopticon.ingest.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * OTLP/JSON as the Collector writes it ({@code pdata}'s JSON marshaler, the kafka
 * exporter's {@code otlp_json}) from the OpenTelemetry proto classes: protobuf's JSON
 * mapping with enums as numbers and trace and span ids as hex rather than base64.
 */
final class OtlpJsonIds {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Set<String> IDS = Set.of("traceId", "spanId", "parentSpanId");

	private OtlpJsonIds() {
	}

	/** The message as the exporter's {@code otlp_json} writes it. */
	static byte[] write(Message message) {
		try {
			return toHex(JsonFormat.printer()
				.printingEnumsAsInts()
				.omittingInsignificantWhitespace()
				.print(message)
				.getBytes(StandardCharsets.UTF_8));
		}
		catch (InvalidProtocolBufferException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Protobuf JSON with its base64 ids rewritten to hex. */
	private static byte[] toHex(byte[] protobufJson) {
		JsonNode root = JSON.readTree(protobufJson);
		rewrite(root);
		return JSON.writeValueAsBytes(root);
	}

	private static void rewrite(JsonNode node) {
		if (node.isArray()) {
			node.forEach(OtlpJsonIds::rewrite);
		}
		else if (node.isObject()) {
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				if (IDS.contains(field.getKey()) && field.getValue().isString()) {
					((ObjectNode) node).put(field.getKey(),
							HexFormat.of().formatHex(Base64.getDecoder().decode(field.getValue().stringValue())));
				}
				else {
					rewrite(field.getValue());
				}
			}
		}
	}

}
