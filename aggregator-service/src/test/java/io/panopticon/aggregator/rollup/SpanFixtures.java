package io.panopticon.aggregator.rollup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.panopticon.common.telemetry.Span;
import io.panopticon.storage.DocumentIds;
import io.panopticon.storage.IndexFamily;
import io.panopticon.storage.IndexTemplates;
import io.panopticon.storage.SpanDocuments;
import io.panopticon.storage.StorageClient;
import io.panopticon.storage.bulk.BulkIndexer;
import io.panopticon.storage.bulk.BulkItem;
import io.panopticon.storage.bulk.BulkOutcome;
import tools.jackson.databind.JsonNode;

/**
 * Writes spans into Elasticsearch exactly as ingest-service stores them, with the storage
 * module's index templates, document writer ({@link SpanDocuments}), index names,
 * document ids and bulk indexer ({@code op_type=create}).
 */
final class SpanFixtures {

	private final StorageClient storage;

	private final BulkIndexer indexer;

	SpanFixtures(StorageClient storage) {
		this.storage = storage;
		new IndexTemplates(storage, new IndexTemplates.Settings(0, Duration.ofSeconds(1))).ensureInstalled();
		this.indexer = new BulkIndexer(storage,
				new BulkIndexer.Settings(2000, 5L * 1024 * 1024, 2, 3, Duration.ofMillis(200), Duration.ofSeconds(5)),
				new BulkIndexer.Metrics() {

					@Override
					public void retried(int count) {
					}

					@Override
					public void bulkLatency(long nanos) {
					}

				});
	}

	/**
	 * Creates the documents of spans and makes them searchable.
	 * @param spans the spans
	 */
	void write(List<Span> spans) {
		BulkIndexer.Batch batch = this.indexer.batch();
		for (Span span : spans) {
			String endpoint = SpanDocuments.endpointOf(span);
			batch.add(new BulkItem(SpanDocuments.indexOf(span), DocumentIds.spanId(span),
					(out) -> SpanDocuments.write(span, endpoint, out)));
		}
		List<BulkOutcome> outcomes = batch.await();
		for (BulkOutcome outcome : outcomes) {
			if (!outcome.isStored()) {
				throw new IllegalStateException("bulk failed: " + outcome);
			}
		}
		refresh(IndexFamily.TRACES.pattern());
	}

	/**
	 * Searches and returns the answer.
	 * @param targets indices
	 * @param body the search body
	 * @return the answer
	 */
	JsonNode search(String targets, String body) {
		return this.storage.search(targets, body);
	}

	void refresh(String targets) {
		this.storage.refresh(targets);
	}

	static long micros(Instant instant) {
		return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
	}

}
