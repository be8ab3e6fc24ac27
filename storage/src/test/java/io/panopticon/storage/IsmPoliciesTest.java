package io.panopticon.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.panopticon.testing.JsonText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ISM retention policies: their exact bodies, and what installing sends to a scripted
 * cluster (the test node has no ISM plugin, and the integration tests show that
 * installing skips cleanly there).
 */
class IsmPoliciesTest {

	private static final Map<IndexFamily, Duration> RETENTION = Map.of(IndexFamily.TRACES, Duration.ofDays(7),
			IndexFamily.LOGS, Duration.ofDays(7), IndexFamily.METRICS_1M, Duration.ofDays(30), IndexFamily.METRICS_1H,
			Duration.ofDays(395));

	private final ScriptedCluster cluster = new ScriptedCluster();

	@AfterEach
	void stop() {
		this.cluster.close();
	}

	@Test
	void policyIsExactlyTheDocumentedOne() {
		assertThat(IsmPolicies.policyName(IndexFamily.TRACES)).isEqualTo("panopticon-traces-apm");
		assertThat(JsonText.compact(IsmPolicies.body(IndexFamily.TRACES, Duration.ofDays(7)).toString()))
			.isEqualTo(JsonText.resource(IsmPoliciesTest.class, "ism-traces-apm-policy.json"));
	}

	@Test
	void eachFamilyGetsItsPatternAndRetention() {
		JsonNode hourly = IsmPolicies.body(IndexFamily.METRICS_1H, Duration.ofDays(395)).path("policy");

		assertThat(IsmPolicies.policyName(IndexFamily.METRICS_1H)).isEqualTo("panopticon-metrics-apm-1h");
		assertThat(hourly.at("/states/0/transitions/0/conditions/min_index_age").asString()).isEqualTo("395d");
		assertThat(hourly.at("/ism_template/0/index_patterns/0").asString()).isEqualTo("metrics-apm-1h-*");
	}

	@Test
	void retentionBecomesTheLargestWholeUnitRoundedUp() {
		assertThat(IsmPolicies.timeValue(Duration.ofDays(30))).isEqualTo("30d");
		assertThat(IsmPolicies.timeValue(Duration.ofHours(36))).isEqualTo("36h");
		assertThat(IsmPolicies.timeValue(Duration.ofMinutes(90))).isEqualTo("90m");
		assertThat(IsmPolicies.timeValue(Duration.ofSeconds(61))).isEqualTo("2m");
	}

	@Test
	void createsEveryMissingPolicyOnOpenSearch() {
		this.cluster.openSearch = true;

		new IsmPolicies(this.cluster.storage(), RETENTION).ensureInstalled();

		assertThat(this.cluster.requests).containsExactlyInAnyOrder("GET /_plugins/_ism/policies/panopticon-traces-apm",
				"PUT /_plugins/_ism/policies/panopticon-traces-apm", "GET /_plugins/_ism/policies/panopticon-logs-apm",
				"PUT /_plugins/_ism/policies/panopticon-logs-apm",
				"GET /_plugins/_ism/policies/panopticon-metrics-apm-1m",
				"PUT /_plugins/_ism/policies/panopticon-metrics-apm-1m",
				"GET /_plugins/_ism/policies/panopticon-metrics-apm-1h",
				"PUT /_plugins/_ism/policies/panopticon-metrics-apm-1h");
		assertThat(this.cluster.bodies)
			.contains(JsonText.resource(IsmPoliciesTest.class, "ism-traces-apm-policy.json"));
	}

	@Test
	void leavesAnEqualPolicyAloneAndUpdatesADifferentOneIfUnchangedMeanwhile() {
		this.cluster.openSearch = true;
		for (IndexFamily family : IndexFamily.values()) {
			this.cluster.stored.put(IsmPolicies.policyName(family), stored(family, RETENTION.get(family)));
		}
		this.cluster.stored.put("panopticon-logs-apm", stored(IndexFamily.LOGS, Duration.ofDays(3)));

		new IsmPolicies(this.cluster.storage(), RETENTION).ensureInstalled();

		assertThat(this.cluster.requests.stream().filter((request) -> request.startsWith("PUT")))
			.containsExactly("PUT /_plugins/_ism/policies/panopticon-logs-apm?if_seq_no=7&if_primary_term=2");
	}

	@Test
	void skipsWithoutTheIsmPlugin() {
		this.cluster.openSearch = true;
		this.cluster.ismPlugin = false;
		IsmPolicies policies = new IsmPolicies(this.cluster.storage(), RETENTION);

		policies.ensureInstalled();
		policies.ensureInstalled();

		assertThat(policies.isDone()).isTrue();
		assertThat(this.cluster.requests).containsExactly("GET /_plugins/_ism/policies/panopticon-traces-apm");
	}

	@Test
	void sendsNothingToElasticsearch() {
		IsmPolicies policies = new IsmPolicies(this.cluster.storage(), RETENTION);

		policies.ensureInstalled();

		assertThat(policies.isDone()).isTrue();
		assertThat(this.cluster.requests).isEmpty();
	}

	/** A stored policy as OpenSearch answers it: with ids, times and retry settings. */
	private static String stored(IndexFamily family, Duration retention) {
		ObjectNode answer = StorageClient.JSON.createObjectNode();
		answer.put("_id", IsmPolicies.policyName(family)).put("_version", 3).put("_seq_no", 7).put("_primary_term", 2);
		ObjectNode policy = (ObjectNode) IsmPolicies.body(family, retention).path("policy");
		policy.put("policy_id", IsmPolicies.policyName(family)).put("last_updated_time", 1765000000000L);
		((ObjectNode) policy.at("/states/1/actions/0")).putObject("retry").put("count", 3).put("delay", "1m");
		((ObjectNode) policy.at("/ism_template/0")).put("last_updated_time", 1765000000000L);
		answer.set("policy", policy);
		return answer.toString();
	}

	/**
	 * Answers {@code GET /} as Elasticsearch's test distribution (405) or as OpenSearch,
	 * and the ISM policy API from a map, or as a cluster without the plugin does.
	 */
	private static final class ScriptedCluster implements AutoCloseable {

		final List<String> requests = new CopyOnWriteArrayList<>();

		final List<String> bodies = new CopyOnWriteArrayList<>();

		final Map<String, String> stored = new ConcurrentHashMap<>();

		volatile boolean openSearch;

		volatile boolean ismPlugin = true;

		private final HttpServer server;

		private Rest5Client client;

		ScriptedCluster() {
			try {
				this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.server.createContext("/", this::handle);
			this.server.start();
		}

		StorageClient storage() {
			this.client = Rest5Client.builder(URI.create("http://127.0.0.1:" + this.server.getAddress().getPort()))
				.build();
			return new StorageClient(this.client);
		}

		private void handle(HttpExchange exchange) throws IOException {
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getPath();
			if (method.equals("GET") && path.equals("/")) {
				if (this.openSearch) {
					answer(exchange, 200, "{\"version\":{\"distribution\":\"opensearch\",\"number\":\"2.19.4\"}}");
				}
				else {
					answer(exchange, 405, "");
				}
				return;
			}
			try (InputStream in = exchange.getRequestBody()) {
				String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				if (!body.isEmpty()) {
					this.bodies.add(body);
				}
			}
			this.requests.add(method + " " + exchange.getRequestURI());
			if (!this.ismPlugin) {
				answer(exchange, 400, "{\"error\":\"no handler found for uri [" + path + "] and method [" + method
						+ "]\",\"status\":400}");
				return;
			}
			String name = path.substring(path.lastIndexOf('/') + 1);
			if (method.equals("GET")) {
				String policy = this.stored.get(name);
				if (policy != null) {
					answer(exchange, 200, policy);
				}
				else {
					answer(exchange, 404,
							"{\"error\":{\"root_cause\":[{\"type\":\"status_exception\",\"reason\":\"Policy not found\"}],"
									+ "\"type\":\"status_exception\",\"reason\":\"Policy not found\"},\"status\":404}");
				}
				return;
			}
			answer(exchange, 201, "{\"_id\":\"" + name + "\",\"_seq_no\":8,\"_primary_term\":2}");
		}

		private static void answer(HttpExchange exchange, int status, String body) throws IOException {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, (bytes.length > 0) ? bytes.length : -1);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}

		@Override
		public void close() {
			if (this.client != null) {
				try {
					this.client.close();
				}
				catch (IOException ex) {
					// Closing a test client; nothing to do.
				}
			}
			this.server.stop(0);
		}

	}

}
