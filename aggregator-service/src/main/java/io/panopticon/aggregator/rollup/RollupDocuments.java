package io.panopticon.aggregator.rollup;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Map;

import io.panopticon.storage.RollupFields;
import io.panopticon.common.histogram.PackedHistogram;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;

/**
 * Writes the rollup and marker documents ({@code _source}) as UTF-8 JSON, in the layout
 * of {@code docs/formats.md}, "Rollup documents", which {@link RollupTemplate} maps.
 * Absent optional values are left out. Thread-safe; all methods are static.
 */
public final class RollupDocuments {

	// Not escaping '/' keeps endpoints such as "GET /orders/{id}" readable.
	private static final JsonFactory FACTORY = JsonFactory.builder()
		.disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
		.disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
		.build();

	private RollupDocuments() {
	}

	/**
	 * Returns the document of a rollup.
	 * @param rollup the rollup; at least one request
	 * @param rolledAt when it was computed
	 * @return UTF-8 JSON
	 */
	public static byte[] rollup(Rollup rollup, Instant rolledAt) {
		if (rollup.requests() < 1) {
			throw new IllegalArgumentException("an empty rollup is never written: " + rollup);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 28 * rollup.latency().size());
		try (JsonGenerator json = generator(out)) {
			RollupKey key = rollup.key();
			json.writeStartObject();
			json.writeStringProperty(RollupFields.TIMESTAMP, rollup.bucket().toString());
			json.writeStringProperty(RollupFields.RESOLUTION, rollup.resolution().label());
			json.writeStringProperty(RollupFields.KIND, key.kind().label());
			json.writeStringProperty(RollupFields.SERVICE_NAME, key.serviceName());
			writeIfPresent(json, RollupFields.ENVIRONMENT, key.environment());
			writeIfPresent(json, RollupFields.ENDPOINT, key.endpoint());
			if (key.kind() == RollupKind.ENDPOINT) {
				writeIfPresent(json, RollupFields.HTTP_METHOD, rollup.httpMethod());
			}
			writeIfPresent(json, RollupFields.CALLEE, key.callee());
			json.writeNumberProperty(RollupFields.REQUESTS, rollup.requests());
			json.writeNumberProperty(RollupFields.ERRORS, rollup.errors());
			json.writeNumberProperty(RollupFields.DURATION_MIN_MICROS, rollup.durationMin());
			json.writeNumberProperty(RollupFields.DURATION_MAX_MICROS, rollup.durationMax());
			json.writeNumberProperty(RollupFields.DURATION_SUM_MICROS, rollup.durationSum());
			json.writeName(RollupFields.LATENCY);
			json.writeStartArray();
			for (Map.Entry<Integer, Long> bucket : rollup.latency().entrySet()) {
				json.writeStartObject();
				json.writeNumberProperty(RollupFields.BUCKET, bucket.getKey().intValue());
				json.writeNumberProperty(RollupFields.COUNT, bucket.getValue().longValue());
				json.writeEndObject();
			}
			json.writeEndArray();
			json.writeStringProperty(RollupFields.LATENCY_HISTOGRAM, packed(rollup.latency()));
			json.writeStringProperty(RollupFields.ROLLED_AT, rolledAt.toString());
			json.writeEndObject();
		}
		return out.toByteArray();
	}

	/**
	 * Returns the marker document of a bucket.
	 * @param resolution the resolution
	 * @param bucket the bucket start
	 * @param rolledAt when the bucket was rolled up
	 * @param counts for a minute, the span counts the roll-up was computed from (what a
	 * later pass compares to find late spans); {@code null} for an hour
	 * @return UTF-8 JSON
	 */
	public static byte[] marker(Resolution resolution, Instant bucket, Instant rolledAt, SpanCounts counts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(160);
		try (JsonGenerator json = generator(out)) {
			json.writeStartObject();
			json.writeStringProperty(RollupFields.TIMESTAMP, bucket.toString());
			json.writeStringProperty(RollupFields.RESOLUTION, resolution.label());
			json.writeStringProperty(RollupFields.KIND, RollupKind.MARKER.label());
			json.writeStringProperty(RollupFields.ROLLED_AT, rolledAt.toString());
			if (counts != null) {
				json.writeNumberProperty(RollupFields.SPANS, counts.spans());
				json.writeNumberProperty(RollupFields.WINDOW_SPANS, counts.windowSpans());
			}
			json.writeEndObject();
		}
		return out.toByteArray();
	}

	private static String packed(Map<Integer, Long> latency) {
		int[] buckets = new int[latency.size()];
		long[] counts = new long[latency.size()];
		int i = 0;
		for (Map.Entry<Integer, Long> bucket : latency.entrySet()) {
			buckets[i] = bucket.getKey();
			counts[i++] = bucket.getValue();
		}
		return PackedHistogram.encode(buckets, counts);
	}

	private static void writeIfPresent(JsonGenerator json, String name, String value) {
		if (value != null) {
			json.writeStringProperty(name, value);
		}
	}

	private static JsonGenerator generator(ByteArrayOutputStream out) {
		return FACTORY.createGenerator(ObjectWriteContext.empty(), out, JsonEncoding.UTF8);
	}

}
