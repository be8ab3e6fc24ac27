/**
 * The stored form of spans, logs and rollups in the search cluster, in plain Java: index
 * families and their dated names ({@link io.panopticon.storage.IndexFamily}), document
 * ids, index templates, the span, log and rollup document writers and the one place that
 * names their fields ({@link io.panopticon.storage.SpanFields},
 * {@link io.panopticon.storage.RollupFields}), retention, and
 * {@link io.panopticon.storage.StorageClient}, the one client of the cluster with its one
 * translation of failures. The layout is described in {@code docs/formats.md}.
 * <p>
 * Nothing here needs Spring; {@code io.panopticon.storage.autoconfigure} wires it.
 */
package io.panopticon.storage;
