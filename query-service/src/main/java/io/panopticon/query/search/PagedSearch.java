package io.panopticon.query.search;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.panopticon.query.window.QueryWindow;

/**
 * The cursor-paged shape every list search shares: one more hit than the limit is fetched
 * to learn whether a next page exists, and pages continue with {@code search_after} from
 * the last hit shown, never with {@code from}/{@code size}, whose cost grows with the
 * page number. The sort must order every document uniquely (it ends with tie-breakers) so
 * that paging neither repeats nor skips a hit.
 *
 * @param name the search's name, which its cursors carry
 * @param sortKey the sort as the client chose it, such as {@code duration:desc}
 * @param criteria the full sort, ending with tie-breakers
 */
public record PagedSearch(String name, String sortKey, List<Sort> criteria) {

	public PagedSearch {
		criteria = List.copyOf(criteria);
	}

	/**
	 * Reads the {@code cursor} parameter.
	 * @param value the parameter or {@code null}
	 * @param codec checks the cursor's signature and window
	 * @return the cursor, or {@code null} for the first page
	 */
	public Cursor cursor(String value, CursorCodec codec) {
		String text = SearchParameters.text(value);
		return (text != null) ? codec.decode(text, this.name, this.sortKey, this.criteria) : null;
	}

	/**
	 * Builds the search of one page.
	 * @param indices the targets
	 * @param query the query
	 * @param cursor where the page starts, or {@code null} for the first page
	 * @param limit the page size
	 * @return the request builder, for more options
	 */
	public SearchRequest.Builder request(List<String> indices, Query query, Cursor cursor, int limit) {
		return SearchRequest.builder(indices)
			.query(query)
			.sort(this.criteria)
			.searchAfter((cursor != null) ? cursor.after() : null)
			.size(limit + 1);
	}

	/**
	 * Turns what the search found into a page.
	 * @param <T> the type of the items
	 * @param window the searched window
	 * @param limit the page size
	 * @param response what the search found
	 * @param codec signs the next page's cursor
	 * @param item makes an item of a hit
	 * @return the page
	 */
	public <T> Page<T> page(QueryWindow window, int limit, SearchResponse response, CursorCodec codec,
			Function<SearchResponse.Hit, T> item) {
		List<T> items = new ArrayList<>();
		for (SearchResponse.Hit hit : response.hits().subList(0, Math.min(limit, response.hits().size()))) {
			items.add(item.apply(hit));
		}
		return Page.of(this.name, this.sortKey, window, limit, response, codec, items);
	}

}
