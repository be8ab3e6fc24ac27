/**
 * Bulk indexing for the ingest pipeline: {@link io.panopticon.storage.bulk.BulkIndexer}
 * writes each document once, straight into the body of the {@code _bulk} request being
 * filled, sends requests while the caller prepares more, and retries transient failures
 * from the bytes already written. Everything but the indexer, its items and their
 * outcomes is internal.
 */
package io.panopticon.storage.bulk;
