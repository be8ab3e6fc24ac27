package io.panopticon.common.autoconfigure;

import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ElasticsearchCompatibilityCustomizerTest {

	@Test
	void asksForVersion8CompatibilityOnAcceptAndContentType() {
		var request = new BasicHttpRequest("POST", "/_bulk");
		request.setHeader("Accept", "application/vnd.elasticsearch+json; compatible-with=9");
		request.setHeader("Content-Type", "application/vnd.elasticsearch+x-ndjson; compatible-with=9");
		request.setHeader("X-Other", "compatible-with=9");
		ElasticsearchCompatibilityCustomizer.downgrade(request);
		assertThat(request.getFirstHeader("Accept").getValue())
			.isEqualTo("application/vnd.elasticsearch+json; compatible-with=8");
		assertThat(request.getFirstHeader("Content-Type").getValue())
			.isEqualTo("application/vnd.elasticsearch+x-ndjson; compatible-with=8");
		assertThat(request.getFirstHeader("X-Other").getValue()).isEqualTo("compatible-with=9");
	}

}
