package io.panopticon.storage.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Elasticsearch client settings of Panopticon's own ({@code panopticon.elasticsearch.*});
 * the connection itself is Spring Boot's {@code spring.elasticsearch.*}, which
 * {@code ELASTICSEARCH_NODE} and {@code OPENSEARCH_USERNAME}/{@code _PASSWORD} also set.
 *
 * @param verifyCertificates whether the client checks the cluster's TLS certificate
 * against the trusted authorities and its host name
 * ({@code OPENSEARCH_REJECT_UNAUTHORIZED}). {@code false} accepts any certificate, for a
 * cluster with a self-signed one; it leaves the connection open to interception, so
 * prefer trusting the certificate with an SSL bundle
 * ({@code spring.elasticsearch.restclient.ssl.bundle})
 */
@ConfigurationProperties("panopticon.elasticsearch")
public record ElasticsearchClientProperties(@DefaultValue("true") boolean verifyCertificates) {
}
