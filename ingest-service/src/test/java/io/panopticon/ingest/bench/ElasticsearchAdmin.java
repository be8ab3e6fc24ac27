package io.panopticon.ingest.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Response;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The few Elasticsearch calls the benchmark makes besides {@code _bulk}.
 */
final class ElasticsearchAdmin {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Rest5Client client;

	ElasticsearchAdmin(Rest5Client client) {
		this.client = client;
	}

	/**
	 * Returns the version of the node answering (the minimal distribution the tests run
	 * has no {@code GET /}).
	 * @return for example {@code 8.19.21}
	 * @throws IOException if the call fails
	 */
	String version() throws IOException {
		for (JsonNode node : call("GET", "/_nodes/_local?filter_path=nodes.*.version").path("nodes")) {
			return node.path("version").asString();
		}
		return "(unknown version)";
	}

	/**
	 * Deletes the indices matching a pattern, by name (wildcard deletes may be refused by
	 * {@code action.destructive_requires_name}).
	 * @param pattern for example {@code traces-apm-*}
	 * @return the names deleted
	 * @throws IOException if a call fails
	 */
	List<String> deleteIndices(String pattern) throws IOException {
		List<String> names = new ArrayList<>();
		for (JsonNode index : call("GET", "/_cat/indices/" + pattern + "?format=json&h=index&expand_wildcards=all")) {
			names.add(index.path("index").asString());
		}
		if (!names.isEmpty()) {
			call("DELETE", "/" + String.join(",", names));
		}
		return names;
	}

	/**
	 * Makes what was indexed searchable, then counts it.
	 * @param pattern the indices
	 * @return the number of documents
	 * @throws IOException if a call fails
	 */
	long refreshAndCount(String pattern) throws IOException {
		String options = "?ignore_unavailable=true&allow_no_indices=true";
		call("POST", "/" + pattern + "/_refresh" + options);
		return call("GET", "/" + pattern + "/_count" + options).path("count").asLong();
	}

	/**
	 * Counts the documents Elasticsearch acknowledged, whether searchable yet or not,
	 * without forcing a refresh: polling with refreshes would make Elasticsearch write
	 * many small segments and slow down exactly what is being measured.
	 * @param pattern the indices
	 * @return the index operations of their primaries
	 * @throws IOException if a call fails
	 */
	long indexedCount(String pattern) throws IOException {
		return call("GET", "/" + pattern + "/_stats/indexing?ignore_unavailable=true&allow_no_indices=true")
			.at("/_all/primaries/indexing/index_total")
			.asLong();
	}

	/**
	 * Reads the CPU time the Elasticsearch node's process has used so far.
	 * @return milliseconds
	 * @throws IOException if the call fails
	 */
	long cpuMillis() throws IOException {
		JsonNode nodes = call("GET", "/_nodes/_local/stats/process?filter_path=nodes.*.process.cpu.total_in_millis")
			.path("nodes");
		return nodes.isEmpty() ? 0 : nodes.values().iterator().next().at("/process/cpu/total_in_millis").asLong();
	}

	void waitForYellow() throws IOException {
		call("GET", "/_cluster/health?wait_for_status=yellow&timeout=60s");
	}

	private JsonNode call(String method, String endpoint) throws IOException {
		int query = endpoint.indexOf('?');
		Request request = new Request(method, (query < 0) ? endpoint : endpoint.substring(0, query));
		if (query >= 0) {
			for (String parameter : endpoint.substring(query + 1).split("&")) {
				int equals = parameter.indexOf('=');
				request.addParameter(parameter.substring(0, equals), parameter.substring(equals + 1));
			}
		}
		Response response = this.client.performRequest(request);
		return JSON.readTree(EntityUtils.toByteArray(response.getEntity()));
	}

}
