package io.panopticon.aggregator.rollup;

import java.nio.charset.StandardCharsets;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Elasticsearch refused a request; {@link #type()} is its error type, for example
 * {@code too_many_buckets_exception}.
 */
public class ElasticsearchException extends RuntimeException {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int MAX_REASON = 500;

	private final String type;

	ElasticsearchException(String type, String message) {
		super(message);
		this.type = type;
	}

	static ElasticsearchException of(String call, int status, byte[] body) {
		String type = "http_" + status;
		String reason = new String(body, StandardCharsets.UTF_8);
		try {
			JsonNode error = JSON.readTree(body).path("error");
			// The root cause names what went wrong (search phase failures wrap it).
			JsonNode cause = error.path("caused_by").isObject() ? deepest(error) : error;
			if (cause.has("type")) {
				type = cause.path("type").asString();
				reason = cause.path("reason").asString();
			}
		}
		catch (JacksonException ex) {
			// Not JSON: the text is the reason.
		}
		if (reason.length() > MAX_REASON) {
			reason = reason.substring(0, MAX_REASON) + "...";
		}
		return new ElasticsearchException(type, call + " answered " + status + " " + type + ": " + reason);
	}

	private static JsonNode deepest(JsonNode error) {
		JsonNode node = error;
		while (node.path("caused_by").isObject()) {
			node = node.path("caused_by");
		}
		return node;
	}

	/**
	 * Returns the error type Elasticsearch named.
	 * @return the type, or {@code http_<status>} when the answer named none
	 */
	public String type() {
		return this.type;
	}

	/**
	 * Returns whether an exception, or one of its causes, says the request would have
	 * created more aggregation buckets than the cluster allows.
	 * @param ex the exception
	 * @return whether to retry with smaller pages
	 */
	static boolean isTooManyBuckets(ElasticsearchException ex) {
		return "too_many_buckets_exception".equals(ex.type) || ex.getMessage().contains("too_many_buckets_exception");
	}

}
