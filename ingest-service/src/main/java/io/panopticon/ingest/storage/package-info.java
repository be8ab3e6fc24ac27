/**
 * What ingest-service adds to the storage module ({@code io.panopticon.storage}, which
 * owns the index templates, the documents and bulk indexing): the endpoint cardinality
 * cap ({@link io.panopticon.ingest.storage.EndpointLimiter}), and
 * {@link io.panopticon.ingest.storage.StorageConfiguration}, the one place that wires the
 * span and log templates and their background installation into this service.
 */
package io.panopticon.ingest.storage;
