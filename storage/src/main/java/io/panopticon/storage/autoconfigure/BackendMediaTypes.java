package io.panopticon.storage.autoconfigure;

import co.elastic.clients.transport.rest5_client.low_level.Rest5ClientBuilder;
import io.panopticon.storage.Backend;
import io.panopticon.storage.ClusterBackend;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpRequest;

import org.springframework.boot.elasticsearch.autoconfigure.Rest5ClientBuilderCustomizer;

/**
 * Adapts the media types of every request of Spring Boot's Elasticsearch client to the
 * backend of the cluster ({@link Backend#adaptMediaType}): Elasticsearch 8.19 and 9.x are
 * asked for {@code compatible-with=8}, OpenSearch is sent plain {@code application/json}.
 * Until the backend is known, requests are adapted as for Elasticsearch.
 */
class BackendMediaTypes implements Rest5ClientBuilderCustomizer {

	private static final String[] HEADERS = { "Accept", "Content-Type" };

	private final ClusterBackend backend;

	BackendMediaTypes(ClusterBackend backend) {
		this.backend = backend;
	}

	@Override
	public void customize(Rest5ClientBuilder builder) {
	}

	@Override
	public void customize(HttpAsyncClientBuilder builder) {
		builder.addRequestInterceptorLast((request, entity, context) -> adapt(request, this.backend.assumed()));
	}

	static void adapt(HttpRequest request, Backend backend) {
		for (String name : HEADERS) {
			for (Header header : request.getHeaders(name)) {
				String value = header.getValue();
				String adapted = backend.adaptMediaType(value);
				if (value != null && !value.equals(adapted)) {
					request.setHeader(name, adapted);
				}
			}
		}
	}

}
