/**
 * Test support for Panopticon modules.
 * <ul>
 * <li>{@link io.panopticon.testing.TestServers} gives integration tests ({@code *IT})
 * real Kafka, Elasticsearch, Redis and PostgreSQL servers, each started once per JVM;
 * with {@link io.panopticon.testing.RealServers} a test class names the ones it
 * needs.</li>
 * <li>{@link io.panopticon.testing.TestTokens} mints RS256 tokens, valid and invalid
 * ones, with a key pair of the JVM's own.</li>
 * </ul>
 */
package io.panopticon.testing;
