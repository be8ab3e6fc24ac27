package io.panopticon.storage.autoconfigure;

import io.panopticon.storage.Backend;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackendMediaTypesTest {

	@Test
	void asksElasticsearchForVersion8CompatibilityOnAcceptAndContentType() {
		var request = request();
		BackendMediaTypes.adapt(request, Backend.ELASTICSEARCH);
		assertThat(request.getFirstHeader("Accept").getValue())
			.isEqualTo("application/vnd.elasticsearch+json; compatible-with=8");
		assertThat(request.getFirstHeader("Content-Type").getValue())
			.isEqualTo("application/vnd.elasticsearch+x-ndjson; compatible-with=8");
		assertThat(request.getFirstHeader("X-Other").getValue()).isEqualTo("compatible-with=9");
	}

	@Test
	void sendsOpenSearchThePlainMediaTypes() {
		var request = request();
		BackendMediaTypes.adapt(request, Backend.OPENSEARCH);
		assertThat(request.getFirstHeader("Accept").getValue()).isEqualTo("application/json");
		assertThat(request.getFirstHeader("Content-Type").getValue()).isEqualTo("application/x-ndjson");
		assertThat(request.getFirstHeader("X-Other").getValue()).isEqualTo("compatible-with=9");
	}

	@Test
	void leavesPlainMediaTypesAlone() {
		var request = new BasicHttpRequest("POST", "/_search");
		request.setHeader("Content-Type", "application/json");
		BackendMediaTypes.adapt(request, Backend.OPENSEARCH);
		assertThat(request.getFirstHeader("Content-Type").getValue()).isEqualTo("application/json");
	}

	private static BasicHttpRequest request() {
		var request = new BasicHttpRequest("POST", "/_bulk");
		request.setHeader("Accept", "application/vnd.elasticsearch+json; compatible-with=9");
		request.setHeader("Content-Type", "application/vnd.elasticsearch+x-ndjson; compatible-with=9");
		request.setHeader("X-Other", "compatible-with=9");
		return request;
	}

}
