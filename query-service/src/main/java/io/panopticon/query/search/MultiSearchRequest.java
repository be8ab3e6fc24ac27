package io.panopticon.query.search;

import java.util.List;

import tools.jackson.databind.node.ObjectNode;

/**
 * Several searches in one round trip: {@code POST /_msearch} with an NDJSON body of a
 * header line and a body line per search. Immutable.
 *
 * @param searches the searches, answered in this order
 */
public record MultiSearchRequest(List<SearchRequest> searches) {

	/**
	 * @param searches the searches, not empty
	 */
	public MultiSearchRequest {
		if (searches.isEmpty()) {
			throw new IllegalArgumentException("a multi-search needs at least one search");
		}
		searches = List.copyOf(searches);
	}

	/**
	 * Returns the request path.
	 * @return {@code /_msearch}
	 */
	public String path() {
		return "/_msearch";
	}

	/**
	 * Returns the NDJSON body: for each search, a header naming its targets (missing ones
	 * skipped, as in a single search) and its body, each on its own line.
	 * @return the body, ending with a newline
	 */
	public String body() {
		StringBuilder body = new StringBuilder();
		for (SearchRequest search : this.searches) {
			ObjectNode header = Query.JSON.createObjectNode();
			header.put("index", String.join(",", search.indices()));
			header.put("ignore_unavailable", true);
			header.put("allow_no_indices", true);
			body.append(header).append('\n').append(search.body()).append('\n');
		}
		return body.toString();
	}

}
