/**
 * The Spring wiring of the storage module, picked up by depending on it: the
 * {@link io.panopticon.storage.StorageClient} bean over Spring Boot's low-level client,
 * the media types adapted to the backend, the shared
 * {@link io.panopticon.storage.autoconfigure.StorageProperties}, the {@code storage}
 * health indicator, the 503 answer to an unavailable store, and the background
 * {@link io.panopticon.storage.autoconfigure.TemplateInstaller}.
 */
package io.panopticon.storage.autoconfigure;
