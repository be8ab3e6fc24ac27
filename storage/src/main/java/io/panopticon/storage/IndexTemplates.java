package io.panopticon.storage;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The composable index templates of the span ({@code traces-apm-*}) and log
 * ({@code logs-apm-*}) indices, and their installation.
 * <p>
 * The mappings are explicit and closed: the root is {@code "dynamic": false}, so a field
 * the mapping does not name is kept in {@code _source} but never becomes a mapped field.
 * {@code false} rather than {@code strict}: after an upgrade that adds a field, documents
 * still land in the day's index, created with the old template, instead of being rejected
 * until midnight. Attributes are searched through one keyword array (see
 * {@link AttributeEntries}), never as fields of their own. The documents are written by
 * {@link SpanDocuments} and {@link LogDocuments}; the layout is described in
 * {@code docs/formats.md}.
 * <p>
 * The templates have priority 500, above the built-in {@code traces-*-*} and
 * {@code logs-*-*} templates (priority 100) of Elasticsearch distributions that ship
 * them, which would otherwise turn our indices into data streams.
 * <p>
 * Thread-safe. Construction does no I/O.
 */
public final class IndexTemplates {

	/** The name of the span index template. */
	public static final String TRACES_TEMPLATE = "panopticon-traces-apm";

	/** The name of the log index template. */
	public static final String LOGS_TEMPLATE = "panopticon-logs-apm";

	/**
	 * Wins over the built-in templates of full Elasticsearch distributions, whose
	 * priority is 100 and which would match our index names too.
	 */
	static final int PRIORITY = 500;

	/**
	 * Shown in {@code GET _index_template}; raise it whenever the templates change, so
	 * operators can tell which revision a cluster has.
	 */
	static final int VERSION = 1;

	/**
	 * The mappings define about 30 fields; the limit guards against growth by mistake,
	 * well below the default of 1000.
	 */
	static final int TOTAL_FIELDS_LIMIT = 100;

	/**
	 * Keyword values longer than this (in characters) are kept in {@code _source} but not
	 * indexed, instead of failing the document: Lucene refuses terms over 32,766 bytes.
	 */
	static final int KEYWORD_IGNORE_ABOVE = 1024;

	/**
	 * The keyword sub-field of messages serves exact matches and aggregations of short
	 * messages; longer ones are found through the text field.
	 */
	static final int MESSAGE_KEYWORD_IGNORE_ABOVE = 256;

	private static final Logger log = LoggerFactory.getLogger(IndexTemplates.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final StorageClient client;

	private final List<IndexTemplate> templates;

	private final Object installLock = new Object();

	private volatile boolean installed;

	/**
	 * Creates the templates; nothing is sent until {@link #ensureInstalled()}.
	 * @param client the storage client
	 * @param settings the index settings the templates carry
	 */
	public IndexTemplates(StorageClient client, Settings settings) {
		this.client = Objects.requireNonNull(client, "client");
		this.templates = List.of(traces(settings), logs(settings));
	}

	/**
	 * Installs (creates or replaces) both templates, unless this instance already did:
	 * {@code PUT _index_template/<name>} is idempotent, so concurrent instances and
	 * repeated start-ups are harmless, and a newer service version replaces an older
	 * template. Call it before the first write to a span or log index; after the first
	 * success it returns at once (a volatile read). Concurrent callers wait for one
	 * attempt in progress.
	 * @throws TemplateInstallationException if Elasticsearch is unreachable or refuses a
	 * template; nothing is remembered, so a later call tries again
	 */
	public void ensureInstalled() {
		if (this.installed) {
			return;
		}
		synchronized (this.installLock) {
			if (this.installed) {
				return;
			}
			for (IndexTemplate template : this.templates) {
				put(template);
			}
			this.installed = true;
			log.info("Installed index templates {} and {}", TRACES_TEMPLATE, LOGS_TEMPLATE);
		}
	}

	/**
	 * Returns whether {@link #ensureInstalled()} has succeeded in this process.
	 * @return whether the templates are installed
	 */
	public boolean isInstalled() {
		return this.installed;
	}

	/**
	 * Returns the templates this installs.
	 * @return the span and the log template
	 */
	public List<IndexTemplate> templates() {
		return this.templates;
	}

	private void put(IndexTemplate template) {
		try {
			this.client.putIndexTemplate(template.name(), template.body());
		}
		catch (StorageUnavailableException ex) {
			throw new TemplateInstallationException(
					"Could not reach Elasticsearch to install index template " + template.name() + ": " + ex, ex);
		}
		catch (StorageException ex) {
			throw new TemplateInstallationException("Elasticsearch refused index template " + template.name()
					+ " (HTTP " + ex.status() + "): " + ex.getMessage(), ex);
		}
	}

	/**
	 * Returns the template of the span indices.
	 * @param settings the index settings
	 * @return the template
	 */
	static IndexTemplate traces(Settings settings) {
		ObjectNode properties = JSON.createObjectNode();
		keyword(properties, SpanFields.TRACE_ID);
		keyword(properties, SpanFields.SPAN_ID);
		keyword(properties, SpanFields.PARENT_SPAN_ID);
		keyword(properties, SpanFields.NAME, KEYWORD_IGNORE_ABOVE);
		keyword(properties, SpanFields.KIND);
		keyword(properties, SpanFields.SERVICE_NAME, KEYWORD_IGNORE_ABOVE);
		keyword(properties, SpanFields.ENVIRONMENT, KEYWORD_IGNORE_ABOVE);
		keyword(properties, SpanFields.ENDPOINT, KEYWORD_IGNORE_ABOVE);
		type(properties, SpanFields.TIMESTAMP, "date");
		type(properties, SpanFields.START_TIME_MICROS, "long");
		type(properties, SpanFields.END_TIME_MICROS, "long");
		type(properties, SpanFields.DURATION_MICROS, "long");
		type(properties, SpanFields.LATENCY_BUCKET, "integer");
		ObjectNode status = properties.putObject(SpanFields.STATUS).putObject("properties");
		keyword(status, SpanFields.CODE);
		textWithKeyword(status, SpanFields.MESSAGE);
		type(properties, SpanFields.IS_REQUEST, "boolean");
		type(properties, SpanFields.IS_ERROR, "boolean");
		keyword(properties, SpanFields.HTTP_METHOD, KEYWORD_IGNORE_ABOVE);
		keyword(properties, SpanFields.HTTP_ROUTE, KEYWORD_IGNORE_ABOVE);
		type(properties, SpanFields.HTTP_STATUS_CODE, "short");
		keyword(properties, SpanFields.PEER_SERVICE, KEYWORD_IGNORE_ABOVE);
		keyword(properties, SpanFields.ATTRIBUTES, AttributeEntries.MAX_ENTRY_LENGTH);
		storedOnly(properties, SpanFields.ATTRIBUTE_MAP);
		storedOnly(properties, SpanFields.EVENTS);
		storedOnly(properties, SpanFields.LINKS);
		storedOnly(properties, SpanFields.RESOURCE);
		return template(TRACES_TEMPLATE, IndexFamily.TRACES, "Panopticon raw spans, one index per UTC day", settings,
				properties);
	}

	/**
	 * Returns the template of the log indices.
	 * @param settings the index settings
	 * @return the template
	 */
	static IndexTemplate logs(Settings settings) {
		ObjectNode properties = JSON.createObjectNode();
		type(properties, "@timestamp", "date");
		type(properties, "timestampMicros", "long");
		keyword(properties, "serviceName", KEYWORD_IGNORE_ABOVE);
		keyword(properties, "environment", KEYWORD_IGNORE_ABOVE);
		keyword(properties, "level");
		textWithKeyword(properties, "message");
		keyword(properties, "traceId");
		keyword(properties, "spanId");
		keyword(properties, "attributes", AttributeEntries.MAX_ENTRY_LENGTH);
		storedOnly(properties, "attributeMap");
		return template(LOGS_TEMPLATE, IndexFamily.LOGS, "Panopticon log events, one index per UTC day", settings,
				properties);
	}

	private static IndexTemplate template(String name, IndexFamily family, String description, Settings settings,
			ObjectNode properties) {
		ObjectNode body = JSON.createObjectNode();
		body.putArray("index_patterns").add(family.pattern());
		body.put("priority", PRIORITY);
		body.put("version", VERSION);
		ObjectNode template = body.putObject("template");
		ObjectNode index = template.putObject("settings").putObject("index");
		// One shard: a day of one family is far below the tens of GB where a
		// second shard pays off, and fewer shards mean cheaper searches.
		index.put("number_of_shards", 1);
		index.put("number_of_replicas", settings.replicas());
		index.put("refresh_interval", settings.refreshIntervalText());
		// The default codec (LZ4) rather than best_compression: cheaper on the
		// CPU that ingest competes for, at some cost in disk.
		index.put("codec", "default");
		index.putObject("mapping").putObject("total_fields").put("limit", TOTAL_FIELDS_LIMIT);
		ObjectNode mappings = template.putObject("mappings");
		mappings.put("dynamic", false);
		mappings.set("properties", properties);
		ObjectNode meta = body.putObject("_meta");
		meta.put("description", description);
		meta.put("managed_by", "panopticon");
		return new IndexTemplate(name, JSON.writeValueAsString(body));
	}

	static void type(ObjectNode properties, String name, String type) {
		properties.putObject(name).put("type", type);
	}

	private static void keyword(ObjectNode properties, String name) {
		type(properties, name, "keyword");
	}

	static void keyword(ObjectNode properties, String name, int ignoreAbove) {
		properties.putObject(name).put("type", "keyword").put("ignore_above", ignoreAbove);
	}

	private static void textWithKeyword(ObjectNode properties, String name) {
		properties.putObject(name)
			.put("type", "text")
			.putObject("fields")
			.putObject("keyword")
			.put("type", "keyword")
			.put("ignore_above", MESSAGE_KEYWORD_IGNORE_ABOVE);
	}

	/** Kept in {@code _source} for display, neither parsed into fields nor indexed. */
	private static void storedOnly(ObjectNode properties, String name) {
		properties.putObject(name).put("type", "object").put("enabled", false);
	}

	/**
	 * Index settings that the templates carry.
	 *
	 * @param replicas replicas per shard, not negative
	 * @param refreshInterval how often new documents become searchable; negative disables
	 * periodic refresh
	 */
	public record Settings(int replicas, Duration refreshInterval) {

		/**
		 * Validates the settings.
		 * @throws IllegalArgumentException if {@code replicas} is negative or
		 * {@code refreshInterval} is {@code null}
		 */
		public Settings {
			if (replicas < 0) {
				throw new IllegalArgumentException("replicas must not be negative, not " + replicas);
			}
			Objects.requireNonNull(refreshInterval, "refreshInterval");
		}

		/**
		 * Returns the refresh interval as an Elasticsearch time value.
		 * @return {@code -1} when disabled, else whole seconds ({@code 5s}) or
		 * milliseconds ({@code 500ms})
		 */
		String refreshIntervalText() {
			if (this.refreshInterval.isNegative()) {
				return "-1";
			}
			long millis = this.refreshInterval.toMillis();
			return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
		}

	}

}
