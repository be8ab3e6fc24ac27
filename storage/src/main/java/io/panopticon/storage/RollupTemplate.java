package io.panopticon.storage;

import java.time.Duration;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The composable index template of the rollup indices ({@code metrics-apm-1m-*} and
 * {@code metrics-apm-1h-*}), and its installation. Like the span and log templates of
 * {@link IndexTemplates}: priority 500 (above the built-in {@code metrics-*-*} template
 * of full distributions, which would make data streams of our indices), one shard, an
 * explicit and closed mapping ({@code dynamic: false}). {@code latency} is
 * {@code nested}, so that readers can sum counts per bucket index across documents;
 * {@code latencyHistogram} holds the same histogram packed
 * ({@link io.panopticon.common.histogram.PackedHistogram}) in doc values, for readers
 * that fetch whole rollups. Installing also adds fields that later versions of the
 * template introduced to the existing rollup indices. The documents are written by
 * {@link RollupDocuments}; the layout is described in {@code docs/formats.md}.
 * <p>
 * One shard also makes a bucket's rollups and its marker, written to the same index in
 * that order, become visible in the same refresh or the rollups first.
 * <p>
 * Thread-safe. Construction does no I/O.
 */
public final class RollupTemplate {

	/** The name of the template. */
	public static final String NAME = "panopticon-metrics-apm";

	/** Raise it whenever the template changes. */
	static final int VERSION = 2;

	static final int TOTAL_FIELDS_LIMIT = 50;

	private static final Logger log = LoggerFactory.getLogger(RollupTemplate.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final StorageClient client;

	private final String body;

	private final Object installLock = new Object();

	private volatile boolean installed;

	/**
	 * Creates the template; nothing is sent until {@link #ensureInstalled()}.
	 * @param client the storage client
	 * @param replicas replicas per shard
	 * @param refreshInterval how soon written rollups become searchable
	 */
	public RollupTemplate(StorageClient client, int replicas, Duration refreshInterval) {
		this.client = Objects.requireNonNull(client, "client");
		this.body = body(replicas, refreshInterval);
	}

	/**
	 * Installs (creates or replaces) the template unless this instance already did;
	 * {@code PUT _index_template} is idempotent, so replicas and restarts are harmless.
	 * @throws RuntimeException if Elasticsearch is unreachable or refuses it; a later
	 * call tries again
	 */
	public void ensureInstalled() {
		if (this.installed) {
			return;
		}
		synchronized (this.installLock) {
			if (!this.installed) {
				this.client.putIndexTemplate(NAME, this.body);
				this.client.putMapping(IndexFamily.METRICS_1M.pattern() + "," + IndexFamily.METRICS_1H.pattern(),
						addedFields());
				this.installed = true;
				log.info("Installed index template {}", NAME);
			}
		}
	}

	/**
	 * Returns whether {@link #ensureInstalled()} has succeeded in this process.
	 * @return whether the template is installed
	 */
	public boolean isInstalled() {
		return this.installed;
	}

	String body() {
		return this.body;
	}

	static String body(int replicas, Duration refreshInterval) {
		ObjectNode body = JSON.createObjectNode();
		body.putArray("index_patterns").add(IndexFamily.METRICS_1M.pattern()).add(IndexFamily.METRICS_1H.pattern());
		body.put("priority", IndexTemplates.PRIORITY);
		body.put("version", VERSION);
		ObjectNode template = body.putObject("template");
		ObjectNode index = template.putObject("settings").putObject("index");
		index.put("number_of_shards", 1);
		index.put("number_of_replicas", replicas);
		index.put("refresh_interval", new IndexTemplates.Settings(replicas, refreshInterval).refreshIntervalText());
		index.putObject("mapping").putObject("total_fields").put("limit", TOTAL_FIELDS_LIMIT);
		ObjectNode mappings = template.putObject("mappings");
		mappings.put("dynamic", false);
		ObjectNode properties = mappings.putObject("properties");
		type(properties, RollupFields.TIMESTAMP, "date");
		type(properties, RollupFields.RESOLUTION, "keyword");
		type(properties, RollupFields.KIND, "keyword");
		keyword(properties, RollupFields.SERVICE_NAME);
		keyword(properties, RollupFields.ENVIRONMENT);
		keyword(properties, RollupFields.ENDPOINT);
		keyword(properties, RollupFields.HTTP_METHOD);
		keyword(properties, RollupFields.CALLEE);
		type(properties, RollupFields.REQUESTS, "long");
		type(properties, RollupFields.ERRORS, "long");
		type(properties, RollupFields.DURATION_MIN_MICROS, "long");
		type(properties, RollupFields.DURATION_MAX_MICROS, "long");
		type(properties, RollupFields.DURATION_SUM_MICROS, "long");
		ObjectNode latency = properties.putObject(RollupFields.LATENCY);
		latency.put("type", "nested");
		ObjectNode buckets = latency.putObject("properties");
		type(buckets, RollupFields.BUCKET, "integer");
		type(buckets, RollupFields.COUNT, "long");
		properties.set(RollupFields.LATENCY_HISTOGRAM, packedHistogram());
		type(properties, RollupFields.ROLLED_AT, "date");
		type(properties, RollupFields.SPANS, "long");
		type(properties, RollupFields.WINDOW_SPANS, "long");
		ObjectNode meta = body.putObject("_meta");
		meta.put("description", "Panopticon rollups: minutes in daily indices, hours in monthly ones");
		meta.put("managed_by", "panopticon");
		return body.toString();
	}

	/**
	 * Returns the mapping that adds {@code latencyHistogram} to rollup indices created
	 * before the template had it, so that rollups written from now on carry its doc
	 * values.
	 * @return a {@code PUT _mapping} body
	 */
	static String addedFields() {
		ObjectNode body = JSON.createObjectNode();
		body.putObject("properties").set(RollupFields.LATENCY_HISTOGRAM, packedHistogram());
		return body.toString();
	}

	// The packed histogram is only ever fetched whole, from doc values: not indexed,
	// and a binary field has no inverted index.
	private static ObjectNode packedHistogram() {
		return JSON.createObjectNode().put("type", "binary").put("doc_values", true);
	}

	private static void type(ObjectNode properties, String name, String type) {
		IndexTemplates.type(properties, name, type);
	}

	private static void keyword(ObjectNode properties, String name) {
		IndexTemplates.keyword(properties, name, IndexTemplates.KEYWORD_IGNORE_ABOVE);
	}

}
