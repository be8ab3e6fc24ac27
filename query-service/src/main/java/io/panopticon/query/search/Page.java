package io.panopticon.query.search;

import java.util.List;

import io.panopticon.query.window.QueryWindow;

/**
 * One page of search results.
 *
 * @param <T> the type of the items
 * @param from the start of the searched window, ISO-8601
 * @param to the end of the searched window (exclusive), ISO-8601
 * @param items the results in the requested order
 * @param nextCursor what to pass as {@code cursor} for the next page, or {@code null}
 * when this is the last page
 */
public record Page<T>(String from, String to, List<T> items, String nextCursor) {

	/**
	 * Builds a page from the hits of a search that asked for one more hit than the limit:
	 * if that extra hit came, there is a next page, which starts after the last hit
	 * shown.
	 * @param <T> the type of the items
	 * @param search the search name the cursor carries
	 * @param sort the sort the cursor carries
	 * @param window the searched window
	 * @param limit the page size
	 * @param response what the search found (at most {@code limit + 1} hits)
	 * @param codec signs the next page's cursor
	 * @param items the items made from the first {@code limit} hits
	 * @return the page
	 */
	public static <T> Page<T> of(String search, String sort, QueryWindow window, int limit, SearchResponse response,
			CursorCodec codec, List<T> items) {
		String next = null;
		if (response.hits().size() > limit) {
			SearchResponse.Hit last = response.hits().get(limit - 1);
			next = codec.encode(new Cursor(search, sort, window, last.sort()));
		}
		return new Page<>(Times.iso(Times.micros(window.from())), Times.iso(Times.micros(window.to())), items, next);
	}

}
