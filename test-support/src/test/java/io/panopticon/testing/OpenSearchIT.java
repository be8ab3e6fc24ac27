package io.panopticon.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.panopticon.testing.RealServers.Server;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared OpenSearch node answers what the storage code sends it: a composable
 * template of priority 500, a {@code _bulk} of {@code create} actions and a
 * {@code _search}, all as plain {@code application/json} (OpenSearch refuses
 * Elasticsearch's compatible-with media types).
 */
@RealServers(Server.OPENSEARCH)
class OpenSearchIT {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String prefix = "it-opensearch-" + UUID.randomUUID();

	@AfterEach
	void deleteTemplateAndIndices() throws Exception {
		send("DELETE", "/" + this.prefix + "-*", null);
		send("DELETE", "/_index_template/" + this.prefix, null);
	}

	@Test
	void rootNamesTheDistribution() throws Exception {
		HttpResponse<String> root = send("GET", "/", null);

		assertThat(root.statusCode()).isEqualTo(200);
		assertThat(root.body()).containsPattern("\"distribution\"\\s*:\\s*\"opensearch\"");
	}

	@Test
	void templateOfPriority500ShapesTheIndicesABulkCreatesAndSearchFindsTheDocuments() throws Exception {
		String template = """
				{"index_patterns":["%s-*"],"priority":500,"version":3,
				 "template":{"settings":{"index":{"number_of_shards":1,"number_of_replicas":0}},
				  "mappings":{"dynamic":false,"properties":{
				   "@timestamp":{"type":"date"},"serviceName":{"type":"keyword"},"latencyMs":{"type":"long"}}}},
				 "_meta":{"managed_by":"panopticon"}}""".formatted(this.prefix);
		assertThat(send("PUT", "/_index_template/" + this.prefix, template).statusCode()).isEqualTo(200);
		HttpResponse<String> stored = send("GET", "/_index_template/" + this.prefix, null);
		assertThat(stored.body()).containsPattern("\"priority\"\\s*:\\s*500");

		String index = this.prefix + "-2026.12.07";
		String first = """
				{"create":{"_index":"%s","_id":"a"}}
				{"@timestamp":"2026-12-07T10:00:00Z","serviceName":"checkout","latencyMs":120,"note":"not mapped"}
				""".formatted(index);
		String rest = """
				{"create":{"_index":"%1$s","_id":"b"}}
				{"@timestamp":"2026-12-07T10:00:01Z","serviceName":"checkout","latencyMs":80}
				{"create":{"_index":"%1$s","_id":"c"}}
				{"@timestamp":"2026-12-07T10:00:02Z","serviceName":"payments","latencyMs":300}
				""".formatted(index);
		HttpResponse<String> created = send("POST", "/_bulk?refresh=true", first + rest);
		assertThat(created.statusCode()).isEqualTo(200);
		assertThat(created.body()).containsPattern("\"errors\"\\s*:\\s*false");

		// A replayed create answers 409 per item rather than overwriting: ingest relies
		// on it to count duplicates.
		HttpResponse<String> replayed = send("POST", "/_bulk?refresh=true", first);
		assertThat(replayed.body()).containsPattern("\"errors\"\\s*:\\s*true")
			.containsPattern("\"status\"\\s*:\\s*409");

		HttpResponse<String> search = send("POST", "/" + this.prefix + "-*/_search", """
				{"size":0,"query":{"term":{"serviceName":"checkout"}},
				 "aggs":{"latency":{"sum":{"field":"latencyMs"}}}}""");
		assertThat(search.statusCode()).isEqualTo(200);
		assertThat(search.body()).containsPattern("\"total\"\\s*:\\s*\\{\\s*\"value\"\\s*:\\s*2,")
			.containsPattern("\"latency\"\\s*:\\s*\\{\\s*\"value\"\\s*:\\s*200\\.0");

		// The template, not dynamic mapping, made the index: the unmapped field stays
		// unmapped and there are no replicas.
		HttpResponse<String> mapping = send("GET", "/" + index + "/_mapping", null);
		assertThat(mapping.body()).contains("serviceName").doesNotContain("note");
		HttpResponse<String> settings = send("GET", "/" + index + "/_settings", null);
		assertThat(settings.body()).containsPattern("\"number_of_replicas\"\\s*:\\s*\"0\"");
	}

	@Test
	void refusesABodyOfACompatibleWithMediaTypeWith406() throws Exception {
		// The difference the storage module adapts to: Elasticsearch's 9.x client labels
		// its bodies so, OpenSearch refuses them (an Accept header alone it ignores).
		String mediaType = "application/vnd.elasticsearch+json; compatible-with=9";
		HttpRequest request = HttpRequest.newBuilder(URI.create(TestServers.openSearchUrl() + "/_search"))
			.header("Content-Type", mediaType)
			.header("Accept", mediaType)
			.POST(HttpRequest.BodyPublishers.ofString("{\"size\":0}"))
			.timeout(Duration.ofSeconds(30))
			.build();

		assertThat(this.http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(406);
	}

	private HttpResponse<String> send(String method, String path, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TestServers.openSearchUrl() + path))
			.timeout(Duration.ofSeconds(30))
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
