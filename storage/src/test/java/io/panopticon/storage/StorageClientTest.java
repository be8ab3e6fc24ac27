package io.panopticon.storage;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The requests the client builds and the one translation of the cluster's answers into
 * exceptions, without a server.
 */
class StorageClientTest {

	@Test
	void multiSearchIsNdjsonWithTargetsInEachHeader() {
		ObjectNode spans = StorageClient.JSON.createObjectNode().put("size", 1);
		ObjectNode logs = StorageClient.JSON.createObjectNode().put("size", 2);
		byte[] body = StorageClient.Search.ndjson(List.of(new StorageClient.Search(List.of("traces-apm-*"), spans),
				new StorageClient.Search(List.of("logs-apm-2026.11.21", "logs-apm-2026.11.22"), logs)));
		assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("""
				{"index":"traces-apm-*","ignore_unavailable":true,"allow_no_indices":true}
				{"size":1}
				{"index":"logs-apm-2026.11.21,logs-apm-2026.11.22","ignore_unavailable":true,"allow_no_indices":true}
				{"size":2}
				""");
	}

	@Test
	void overloadedOrFailingClusterIsUnavailable() {
		assertThat(failure(429, "{\"error\":{\"type\":\"es_rejected_execution_exception\",\"reason\":\"queue full\"}}"))
			.isInstanceOf(StorageUnavailableException.class)
			.satisfies((ex) -> assertThat(ex.type()).isEqualTo("es_rejected_execution_exception"))
			.hasMessageContaining("429")
			.hasMessageContaining("queue full");
		assertThat(failure(503, "not json")).isInstanceOf(StorageUnavailableException.class)
			.satisfies((ex) -> assertThat(ex.type()).isEqualTo("http_503"))
			.hasMessageContaining("not json");
	}

	@Test
	void refusedRequestNamesTheRootCause() {
		StorageException ex = failure(400, "{\"error\":{\"type\":\"search_phase_execution_exception\","
				+ "\"caused_by\":{\"type\":\"x\",\"caused_by\":{\"type\":\"parsing_exception\",\"reason\":\"bad\"}}}}");
		assertThat(ex).isNotInstanceOf(StorageUnavailableException.class);
		assertThat(ex.status()).isEqualTo(400);
		assertThat(ex.type()).isEqualTo("parsing_exception");
		assertThat(ex).hasMessage("POST /x/_search answered 400 parsing_exception: bad");
		assertThat(ex.isTooManyBuckets()).isFalse();
	}

	@Test
	void tooManyBucketsIsARefusalWhateverTheStatus() {
		StorageException ex = failure(503, "{\"error\":{\"type\":\"search_phase_execution_exception\","
				+ "\"reason\":\"all shards failed\",\"caused_by\":{\"type\":\"too_many_buckets_exception\"}}}");
		assertThat(ex).isNotInstanceOf(StorageUnavailableException.class);
		assertThat(ex.isTooManyBuckets()).isTrue();
	}

	@Test
	void tellsOpenSearchFromElasticsearch() {
		assertThat(Backend.of(200,
				StorageClient.JSON.readTree("{\"version\":{\"distribution\":\"opensearch\",\"number\":\"2.19.4\"}}")))
			.isEqualTo(Backend.OPENSEARCH);
		assertThat(Backend.of(200, StorageClient.JSON.readTree("{\"version\":{\"number\":\"8.19.21\"}}")))
			.isEqualTo(Backend.ELASTICSEARCH);
		// The test distribution of Elasticsearch answers 405 to GET /.
		assertThat(Backend.of(405, null)).isEqualTo(Backend.ELASTICSEARCH);
	}

	private static StorageException failure(int status, String body) {
		return StorageClient.failure("POST /x/_search", status, body.getBytes(StandardCharsets.UTF_8));
	}

}
