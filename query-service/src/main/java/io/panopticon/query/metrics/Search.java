package io.panopticon.query.metrics;

import java.util.List;

import tools.jackson.databind.node.ObjectNode;

/**
 * One search of a multi-search: the indices and the request body.
 *
 * @param indices the index names or patterns; missing ones are ignored
 * @param body the search body
 */
public record Search(List<String> indices, ObjectNode body) {

	public Search {
		if (indices.isEmpty()) {
			throw new IllegalArgumentException("a search needs at least one index");
		}
		indices = List.copyOf(indices);
	}

}
