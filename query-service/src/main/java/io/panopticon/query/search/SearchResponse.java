package io.panopticon.query.search;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * What a search found.
 *
 * @param hits the hits, in sort order
 * @param total the number of matching documents when the search tracked it, else the
 * number of hits
 * @param aggregations the aggregation results by name, or a missing node
 */
public record SearchResponse(List<Hit> hits, long total, JsonNode aggregations) {

	/**
	 * Reads the response of a search, or one entry of a multi-search response.
	 * @param json the response
	 * @return the response
	 */
	static SearchResponse of(JsonNode json) {
		List<Hit> hits = new ArrayList<>();
		for (JsonNode hit : json.path("hits").path("hits")) {
			hits.add(new Hit(hit.path("_index").asString(), hit.path("_source"), hit.path("sort")));
		}
		JsonNode total = json.path("hits").path("total").path("value");
		return new SearchResponse(List.copyOf(hits), total.isNumber() ? total.asLong() : hits.size(),
				json.path("aggregations"));
	}

	/**
	 * One matching document.
	 *
	 * @param index the index it is in
	 * @param source its source
	 * @param sort its sort values, what {@code search_after} continues from
	 */
	public record Hit(String index, JsonNode source, JsonNode sort) {
	}

}
