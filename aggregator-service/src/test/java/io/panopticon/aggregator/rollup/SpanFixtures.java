package io.panopticon.aggregator.rollup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Response;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import io.panopticon.common.storage.DocumentIds;
import io.panopticon.common.telemetry.Span;
import io.panopticon.ingest.storage.EndpointLimiter;
import io.panopticon.ingest.storage.IndexTemplates;
import io.panopticon.ingest.storage.SpanDocuments;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes spans into Elasticsearch exactly as ingest-service stores them: its index
 * templates, its document writer ({@link SpanDocuments}), its index names and document
 * ids, {@code op_type=create}.
 */
final class SpanFixtures {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Rest5Client client;

	SpanFixtures(Rest5Client client) {
		this.client = client;
		new IndexTemplates(client, new IndexTemplates.Settings(0, Duration.ofSeconds(1))).ensureInstalled();
	}

	/**
	 * Creates the documents of spans and makes them searchable.
	 * @param spans the spans
	 */
	void write(List<Span> spans) {
		for (int from = 0; from < spans.size(); from += 2000) {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			for (Span span : spans.subList(from, Math.min(spans.size(), from + 2000))) {
				body.writeBytes(("{\"create\":{\"_index\":\"" + SpanDocuments.indexOf(span) + "\",\"_id\":\""
						+ DocumentIds.spanId(span) + "\"}}\n")
					.getBytes(StandardCharsets.UTF_8));
				body.writeBytes(SpanDocuments.span(span, EndpointLimiter.endpointOf(span)));
				body.write('\n');
			}
			Request request = new Request("POST", "/_bulk");
			request.addParameter("refresh", "true");
			request.setEntity(new ByteArrayEntity(body.toByteArray(), ContentType.create("application/x-ndjson")));
			JsonNode answer = call(request);
			if (answer.path("errors").asBoolean()) {
				throw new IllegalStateException("bulk failed: " + answer.toString().substring(0, 1000));
			}
		}
	}

	/**
	 * Searches and returns the answer.
	 * @param targets indices
	 * @param body the search body
	 * @return the answer
	 */
	JsonNode search(String targets, String body) {
		Request request = new Request("POST", "/" + targets + "/_search");
		request.addParameter("ignore_unavailable", "true");
		request.addParameter("allow_no_indices", "true");
		request.setJsonEntity(body);
		return call(request);
	}

	void refresh(String targets) {
		Request request = new Request("POST", "/" + targets + "/_refresh");
		request.addParameter("ignore_unavailable", "true");
		request.addParameter("allow_no_indices", "true");
		call(request);
	}

	JsonNode call(Request request) {
		try {
			Response response = this.client.performRequest(request);
			return JSON.readTree(EntityUtils.toByteArray(response.getEntity()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static long micros(Instant instant) {
		return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
	}

}
