package io.panopticon.storage;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Map;

import io.panopticon.common.histogram.PackedHistogram;
import tools.jackson.core.JsonGenerator;

/**
 * Writes the rollup and marker documents ({@code _source}) as UTF-8 JSON, in the layout
 * of {@code docs/formats.md}, "Rollup documents", which {@link RollupTemplate} maps and
 * whose field names {@link RollupFields} holds. Absent optional values are left out.
 * Thread-safe; all methods are static.
 */
public final class RollupDocuments {

	/** The {@code kind} of a marker document. */
	public static final String MARKER_KIND = "marker";

	private RollupDocuments() {
	}

	/**
	 * Returns the document of a rollup.
	 * @param rollup the rollup
	 * @param rolledAt when it was computed
	 * @return UTF-8 JSON
	 */
	public static byte[] rollup(RollupDocument rollup, Instant rolledAt) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 28 * rollup.latency().size());
		try (JsonGenerator json = DocumentJson.generator(out)) {
			json.writeStartObject();
			json.writeStringProperty(RollupFields.TIMESTAMP, rollup.bucket().toString());
			json.writeStringProperty(RollupFields.RESOLUTION, rollup.resolution());
			json.writeStringProperty(RollupFields.KIND, rollup.kind());
			json.writeStringProperty(RollupFields.SERVICE_NAME, rollup.serviceName());
			writeIfPresent(json, RollupFields.ENVIRONMENT, rollup.environment());
			writeIfPresent(json, RollupFields.ENDPOINT, rollup.endpoint());
			writeIfPresent(json, RollupFields.HTTP_METHOD, rollup.httpMethod());
			writeIfPresent(json, RollupFields.CALLEE, rollup.callee());
			json.writeNumberProperty(RollupFields.REQUESTS, rollup.requests());
			json.writeNumberProperty(RollupFields.ERRORS, rollup.errors());
			json.writeNumberProperty(RollupFields.DURATION_MIN_MICROS, rollup.durationMinMicros());
			json.writeNumberProperty(RollupFields.DURATION_MAX_MICROS, rollup.durationMaxMicros());
			json.writeNumberProperty(RollupFields.DURATION_SUM_MICROS, rollup.durationSumMicros());
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
	 * Returns the marker document of an hour.
	 * @param resolution {@code 1h}
	 * @param bucket the bucket start
	 * @param rolledAt when the bucket was rolled up
	 * @return UTF-8 JSON
	 */
	public static byte[] marker(String resolution, Instant bucket, Instant rolledAt) {
		return marker(resolution, bucket, rolledAt, null);
	}

	/**
	 * Returns the marker document of a minute, with the span counts the roll-up was
	 * computed from (what a later pass compares to find late spans).
	 * @param resolution {@code 1m}
	 * @param bucket the bucket start
	 * @param rolledAt when the bucket was rolled up
	 * @param spans the spans the minute held
	 * @param windowSpans the spans of its late-span window
	 * @return UTF-8 JSON
	 */
	public static byte[] marker(String resolution, Instant bucket, Instant rolledAt, long spans, long windowSpans) {
		return marker(resolution, bucket, rolledAt, new long[] { spans, windowSpans });
	}

	private static byte[] marker(String resolution, Instant bucket, Instant rolledAt, long[] counts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(160);
		try (JsonGenerator json = DocumentJson.generator(out)) {
			json.writeStartObject();
			json.writeStringProperty(RollupFields.TIMESTAMP, bucket.toString());
			json.writeStringProperty(RollupFields.RESOLUTION, resolution);
			json.writeStringProperty(RollupFields.KIND, MARKER_KIND);
			json.writeStringProperty(RollupFields.ROLLED_AT, rolledAt.toString());
			if (counts != null) {
				json.writeNumberProperty(RollupFields.SPANS, counts[0]);
				json.writeNumberProperty(RollupFields.WINDOW_SPANS, counts[1]);
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

}
