/**
 * How spans and log events are stored in Elasticsearch: the index templates and their
 * explicit mappings ({@link io.panopticon.ingest.storage.IndexTemplates}), the document
 * each span and log event becomes ({@link io.panopticon.ingest.storage.SpanDocuments},
 * {@link io.panopticon.ingest.storage.LogDocuments}), the endpoint cardinality cap
 * ({@link io.panopticon.ingest.storage.EndpointLimiter}) and retention. The document
 * layout is described in {@code docs/formats.md}, "Span and log documents in
 * Elasticsearch".
 * <p>
 * Everything here is plain Java except
 * {@link io.panopticon.ingest.storage.StorageConfiguration}, the one place that wires
 * this package into Spring, with the start-up hook {@code TemplateInstaller} of
 * {@code common}.
 */
package io.panopticon.ingest.storage;
