package io.panopticon.alert.slo;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import io.panopticon.common.histogram.LatencyHistogram;
import io.panopticon.common.telemetry.Span;
import io.panopticon.common.telemetry.SpanKind;
import io.panopticon.common.telemetry.StatusCode;
import io.panopticon.storage.DocumentIds;
import io.panopticon.storage.IndexFamily;
import io.panopticon.storage.IndexTemplates;
import io.panopticon.storage.RollupTemplate;
import io.panopticon.storage.SpanDocuments;
import io.panopticon.storage.StorageClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes telemetry into Elasticsearch as aggregator-service and ingest-service write it:
 * minute rollups, the aggregator's markers of rolled-up minutes, and raw spans. Documents
 * are collected and written in one bulk request by {@link #flush()}.
 */
public final class TelemetryWriter {

	/** A minute in milliseconds. */
	public static final long MINUTE = 60_000L;

	/** The duration of a fast request. */
	public static final long FAST_MICROS = 100_000;

	/** The duration of a slow request. */
	public static final long SLOW_MICROS = 1_000_000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static volatile boolean templatesInstalled;

	private final StorageClient storage;

	private final ByteArrayOutputStream bulk = new ByteArrayOutputStream();

	/**
	 * @param storage the store, whose index templates are installed once per JVM
	 */
	public TelemetryWriter(StorageClient storage) {
		this.storage = storage;
		if (!templatesInstalled) {
			new IndexTemplates(storage, new IndexTemplates.Settings(0, Duration.ofSeconds(1))).ensureInstalled();
			new RollupTemplate(storage, 0, Duration.ofSeconds(1)).ensureInstalled();
			templatesInstalled = true;
		}
	}

	/**
	 * @param instant a time
	 * @return the start of its minute, in epoch milliseconds
	 */
	public static long floorMinute(Instant instant) {
		return Math.floorDiv(instant.toEpochMilli(), MINUTE) * MINUTE;
	}

	/** A service's minute rollup. */
	public void rollup(String service, long minute, long requests, long errors, long fast, long slow) {
		ObjectNode doc = JSON.createObjectNode();
		doc.put("@timestamp", Instant.ofEpochMilli(minute).toString());
		doc.put("resolution", "1m");
		doc.put("kind", "service");
		doc.put("serviceName", service);
		doc.put("requests", requests);
		doc.put("errors", errors);
		doc.put("durationMinMicros", FAST_MICROS);
		doc.put("durationMaxMicros", (slow > 0) ? SLOW_MICROS : FAST_MICROS);
		doc.put("durationSumMicros", fast * FAST_MICROS + slow * SLOW_MICROS);
		var latency = doc.putArray("latency");
		if (fast > 0) {
			latency.addObject().put("bucket", LatencyHistogram.bucketOf(FAST_MICROS)).put("count", fast);
		}
		if (slow > 0) {
			latency.addObject().put("bucket", LatencyHistogram.bucketOf(SLOW_MICROS)).put("count", slow);
		}
		doc.put("rolledAt", Instant.ofEpochMilli(minute + 75_000).toString());
		add(IndexFamily.METRICS_1M.indexFor(Instant.ofEpochMilli(minute)), service + "-" + minute,
				JSON.writeValueAsBytes(doc));
	}

	/**
	 * The aggregator's markers saying the minutes from {@code from} to {@code to} are
	 * rolled up.
	 */
	public void markers(long from, long to) {
		for (long minute = from; minute < to; minute += MINUTE) {
			ObjectNode doc = JSON.createObjectNode();
			doc.put("@timestamp", Instant.ofEpochMilli(minute).toString());
			doc.put("resolution", "1m");
			doc.put("kind", "marker");
			doc.put("spans", 0);
			doc.put("windowSpans", 0);
			add(IndexFamily.METRICS_1M.indexFor(Instant.ofEpochMilli(minute)), "marker-1m-" + minute,
					JSON.writeValueAsBytes(doc));
		}
	}

	/**
	 * Server spans of a service in one minute, the first {@code errors} of them failed.
	 */
	public void spans(String service, long minute, int count, int errors, long durationMicros) {
		for (int i = 0; i < count; i++) {
			byte[] id = new byte[24];
			ThreadLocalRandom.current().nextBytes(id);
			String hex = HexFormat.of().formatHex(id);
			Span.Builder span = Span.builder()
				.traceId(hex.substring(0, 32))
				.spanId(hex.substring(32, 48))
				.name("GET /checkout")
				.kind(SpanKind.SERVER)
				.serviceName(service)
				.startTimeMicros((minute + 1000 + i * 10L) * 1000)
				.durationMicros(durationMicros)
				.httpMethod("GET")
				.httpRoute("/checkout")
				.httpStatusCode((i < errors) ? 500 : 200);
			if (i < errors) {
				span.status(StatusCode.ERROR, "failed");
			}
			Span built = span.build();
			add(SpanDocuments.indexOf(built), DocumentIds.spanId(built),
					SpanDocuments.span(built, SpanDocuments.endpointOf(built)));
		}
	}

	/** Writes what was collected and makes it searchable. */
	public void flush() {
		this.storage.bulk(this.bulk.toByteArray());
		this.bulk.reset();
		this.storage.refresh(IndexFamily.TRACES.pattern() + "," + IndexFamily.METRICS_1M.pattern());
	}

	private void add(String index, String id, byte[] document) {
		ObjectNode action = JSON.createObjectNode();
		action.putObject("index").put("_index", index).put("_id", id);
		this.bulk.writeBytes(JSON.writeValueAsBytes(action));
		this.bulk.write('\n');
		this.bulk.writeBytes(document);
		this.bulk.write('\n');
	}

}
