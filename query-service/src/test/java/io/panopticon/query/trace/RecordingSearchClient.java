package io.panopticon.query.trace;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import tools.jackson.databind.node.MissingNode;

import io.panopticon.query.search.MultiSearchRequest;
import io.panopticon.query.search.SearchClient;
import io.panopticon.query.search.SearchRequest;
import io.panopticon.query.search.SearchResponse;

/**
 * A search client that keeps the searches it is given and answers each with the next
 * prepared response, or with nothing found once they are used up.
 */
class RecordingSearchClient extends SearchClient {

	private final List<SearchRequest> searches = new ArrayList<>();

	private final Deque<SearchResponse> answers = new ArrayDeque<>();

	RecordingSearchClient() {
		super(null);
	}

	RecordingSearchClient answering(SearchResponse answer) {
		this.answers.add(answer);
		return this;
	}

	List<SearchRequest> searches() {
		return this.searches;
	}

	@Override
	public SearchResponse search(SearchRequest search) {
		this.searches.add(search);
		return next();
	}

	@Override
	public List<SearchResponse> multiSearch(MultiSearchRequest searches) {
		List<SearchResponse> responses = new ArrayList<>();
		for (SearchRequest search : searches.searches()) {
			responses.add(search(search));
		}
		return responses;
	}

	private SearchResponse next() {
		SearchResponse answer = this.answers.poll();
		return (answer != null) ? answer : new SearchResponse(List.of(), 0, MissingNode.getInstance());
	}

}
