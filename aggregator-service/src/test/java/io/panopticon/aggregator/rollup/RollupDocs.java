package io.panopticon.aggregator.rollup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/**
 * Reads back what the aggregator wrote: rollup documents as {@link Figures} by key, and
 * markers.
 */
final class RollupDocs {

	private final SpanFixtures es;

	RollupDocs(SpanFixtures es) {
		this.es = es;
	}

	/**
	 * The rollups of some kinds in {@code [from, to)}, by {@link Figures#key}.
	 */
	Map<String, Figures> rollups(Instant from, Instant to, List<String> kinds) {
		Map<String, Figures> rollups = new TreeMap<>();
		for (JsonNode source : sources(from, to, kinds)) {
			String target = source.has("endpoint") ? source.path("endpoint").asString()
					: source.has("callee") ? source.path("callee").asString() : null;
			String key = Figures.key(source.path("resolution").asString(),
					Instant.parse(source.path("@timestamp").asString()), source.path("kind").asString(),
					source.path("serviceName").asString(),
					source.has("environment") ? source.path("environment").asString() : null, target);
			if (rollups.put(key, Figures.of(source)) != null) {
				throw new AssertionError("two documents for " + key);
			}
		}
		return rollups;
	}

	/**
	 * The markers in {@code [from, to)} of a resolution, by bucket start.
	 */
	Map<Instant, JsonNode> markers(String resolution, Instant from, Instant to) {
		Map<Instant, JsonNode> markers = new TreeMap<>();
		for (JsonNode source : sources(from, to, List.of("marker"))) {
			if (source.path("resolution").asString().equals(resolution)) {
				markers.put(Instant.parse(source.path("@timestamp").asString()), source);
			}
		}
		return markers;
	}

	private List<JsonNode> sources(Instant from, Instant to, List<String> kinds) {
		this.es.refresh("metrics-apm-*");
		StringBuilder terms = new StringBuilder();
		for (String kind : kinds) {
			terms.append((terms.length() > 0) ? "," : "").append('"').append(kind).append('"');
		}
		JsonNode answer = this.es.search("metrics-apm-*",
				"{\"size\":10000,\"track_total_hits\":true,\"query\":{\"bool\":{\"filter\":["
						+ "{\"range\":{\"@timestamp\":{\"gte\":" + from.toEpochMilli() + ",\"lt\":" + to.toEpochMilli()
						+ ",\"format\":\"epoch_millis\"}}},{\"terms\":{\"kind\":[" + terms + "]}}]}}}");
		if (answer.at("/hits/total/value").asLong() >= 10_000) {
			throw new AssertionError("too many rollups to read at once");
		}
		List<JsonNode> sources = new ArrayList<>();
		for (JsonNode hit : answer.at("/hits/hits")) {
			sources.add(hit.path("_source"));
		}
		return sources;
	}

}
