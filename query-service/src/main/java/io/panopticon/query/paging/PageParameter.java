package io.panopticon.query.paging;

import io.panopticon.common.web.InvalidParameterException;

/**
 * The {@code page} parameter of the cursor-paged lists, which have no page numbers:
 * {@code search_after} cannot jump to the n-th page. A client that sends {@code page} is
 * told so, rather than getting the first page again and again.
 */
public final class PageParameter {

	static final String REASON = "pages are not numbered; pass the previous answer's nextCursor as cursor "
			+ "(and limit for the page size)";

	private PageParameter() {
	}

	/**
	 * Refuses a {@code page} parameter, whatever its value.
	 * @param page the {@code page} parameter, {@code null} when absent
	 * @throws InvalidParameterException naming {@code page} when it is present
	 */
	public static void reject(String page) {
		if (page != null) {
			throw new InvalidParameterException("page", REASON);
		}
	}

}
