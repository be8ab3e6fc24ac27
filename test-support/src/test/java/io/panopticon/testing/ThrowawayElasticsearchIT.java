package io.panopticon.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ThrowawayElasticsearchIT {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@Test
	void keepsItsUrlAndDocumentsAcrossAStopAndStart() throws Exception {
		ThrowawayElasticsearch elasticsearch = TestServers.startThrowawayElasticsearch();
		String url = elasticsearch.url();
		int port = URI.create(url).getPort();
		try {
			assertThat(elasticsearch.isRunning()).isTrue();
			assertThat(send(url, "PUT", "/it-throwaway/_doc/1?refresh=true", "{\"message\":\"survives a restart\"}")
				.statusCode()).isEqualTo(201);

			elasticsearch.stop();

			assertThat(elasticsearch.isRunning()).isFalse();
			assertThat(FreePorts.accepts(port)).isFalse();
			elasticsearch.stop();

			elasticsearch.start();

			assertThat(elasticsearch.isRunning()).isTrue();
			assertThat(elasticsearch.url()).isEqualTo(url);
			HttpResponse<String> document = send(url, "GET", "/it-throwaway/_doc/1", null);
			assertThat(document.statusCode()).isEqualTo(200);
			assertThat(document.body()).contains("\"found\":true").contains("survives a restart");
			assertThat(send(url, "GET", "/it-throwaway/_count", null).body()).contains("\"count\":1");
		}
		finally {
			elasticsearch.close();
		}

		assertThat(elasticsearch.isRunning()).isFalse();
		assertThat(FreePorts.accepts(port)).isFalse();
		assertThat(elasticsearch.folder()).doesNotExist();
		elasticsearch.close();
		assertThatIllegalStateException().isThrownBy(elasticsearch::start).withMessageContaining("closed");
	}

	private HttpResponse<String> send(String url, String method, String path, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
			.timeout(Duration.ofSeconds(30))
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
