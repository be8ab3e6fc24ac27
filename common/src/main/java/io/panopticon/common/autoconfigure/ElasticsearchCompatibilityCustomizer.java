package io.panopticon.common.autoconfigure;

import co.elastic.clients.transport.rest5_client.low_level.Rest5ClientBuilder;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpRequest;

import org.springframework.boot.elasticsearch.autoconfigure.Rest5ClientBuilderCustomizer;

/**
 * Lets Spring Boot's Elasticsearch 9 client talk to Elasticsearch 8.19 as well as 9.x:
 * the client asks for {@code compatible-with=9}, which 8.19 refuses, while 9.x servers
 * still accept {@code compatible-with=8}. The media-type parameter is rewritten on every
 * request.
 */
class ElasticsearchCompatibilityCustomizer implements Rest5ClientBuilderCustomizer {

	private static final String[] HEADERS = { "Accept", "Content-Type" };

	@Override
	public void customize(Rest5ClientBuilder builder) {
	}

	@Override
	public void customize(HttpAsyncClientBuilder builder) {
		builder.addRequestInterceptorLast((request, entity, context) -> downgrade(request));
	}

	static void downgrade(HttpRequest request) {
		for (String name : HEADERS) {
			for (Header header : request.getHeaders(name)) {
				String value = header.getValue();
				if (value != null && value.contains("compatible-with=9")) {
					request.setHeader(name, value.replace("compatible-with=9", "compatible-with=8"));
				}
			}
		}
	}

}
