package io.panopticon.query.search;

import java.util.List;

import io.panopticon.storage.StorageClient;
import io.panopticon.storage.StorageException;
import io.panopticon.storage.StorageUnavailableException;

/**
 * Runs the raw searches (traces, spans, logs) through the storage client and reads their
 * answers. A store that cannot be reached or is overloaded is a
 * {@link StorageUnavailableException}, which the caller sees as a 503; any other refusal
 * is a {@link StorageException}, this service's fault, which surfaces as a 500 with the
 * details in the log.
 * <p>
 * Thread-safe. Construction does no I/O.
 */
public class SearchClient {

	private final StorageClient storage;

	/**
	 * @param storage the storage client
	 */
	public SearchClient(StorageClient storage) {
		this.storage = storage;
	}

	/**
	 * Runs one search.
	 * @param search the search
	 * @return what it found
	 * @throws StorageUnavailableException if Elasticsearch did not answer or is
	 * overloaded
	 */
	public SearchResponse search(SearchRequest search) {
		return SearchResponse.of(this.storage.search(String.join(",", search.indices()), search.body()));
	}

	/**
	 * Runs several searches in one round trip.
	 * @param searches the searches
	 * @return what each found, in the order of the searches
	 * @throws StorageUnavailableException if Elasticsearch did not answer or is
	 * overloaded, for the whole request or one of its searches
	 */
	public List<SearchResponse> multiSearch(MultiSearchRequest searches) {
		return this.storage.multiSearch(searches.searches().stream().map(SearchRequest::search).toList())
			.stream()
			.map(SearchResponse::of)
			.toList();
	}

}
