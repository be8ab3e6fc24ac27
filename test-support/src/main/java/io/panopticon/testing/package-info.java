/**
 * Test support for Panopticon modules.
 * <ul>
 * <li>{@link io.panopticon.testing.TestServers} gives integration tests ({@code *IT})
 * real Kafka, Elasticsearch, OpenSearch, Redis and PostgreSQL servers, each started once
 * per JVM; with {@link io.panopticon.testing.RealServers} a test class names the ones it
 * needs. {@link io.panopticon.testing.ThrowawayKafka} and
 * {@link io.panopticon.testing.ThrowawayElasticsearch} are servers of one test's own, to
 * stop (and, for Elasticsearch, start again).</li>
 * <li>{@link io.panopticon.testing.ServiceProcess} runs a service's executable jar in a
 * JVM of its own, to kill and restart it.</li>
 * <li>{@link io.panopticon.testing.TestTokens} mints RS256 tokens, valid and invalid
 * ones, with a key pair of the JVM's own.</li>
 * <li>{@link io.panopticon.testing.ParameterFuzz} sends thousands of generated parameter
 * sets to a running service's GET endpoints and checks that every answer is one a careful
 * service gives.</li>
 * </ul>
 */
package io.panopticon.testing;
