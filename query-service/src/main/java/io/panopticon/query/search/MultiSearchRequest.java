package io.panopticon.query.search;

import java.util.List;

/**
 * Several searches in one round trip ({@link SearchClient#multiSearch}). Immutable.
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

}
