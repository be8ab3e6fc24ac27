package io.panopticon.query.span;

import java.util.List;

import io.panopticon.storage.SpanFields;
import io.panopticon.common.web.InvalidParameterException;
import io.panopticon.query.search.PagedSearch;
import io.panopticon.query.search.SearchParameters;
import io.panopticon.query.search.Sort;

/**
 * The orders spans can be listed in. Each ends with the span's identity (trace id, span
 * id, kind: what its document id is made of), so every span has its own place and cursor
 * paging neither repeats nor skips one.
 */
public enum SpanSort {

	/** By start time; the default, newest first. */
	START_TIME("startTime", SpanFields.START_TIME_MICROS),

	/** By duration. */
	DURATION("duration", SpanFields.DURATION_MICROS);

	private final String parameter;

	private final String field;

	SpanSort(String parameter, String field) {
		this.parameter = parameter;
		this.field = field;
	}

	/**
	 * Returns the name clients use.
	 * @return {@code startTime} or {@code duration}
	 */
	public String parameter() {
		return this.parameter;
	}

	/**
	 * Reads the {@code sort} parameter.
	 * @param value the parameter or {@code null}
	 * @return the sort, {@link #START_TIME} when absent
	 */
	public static SpanSort of(String value) {
		String text = SearchParameters.text(value);
		if (text == null) {
			return START_TIME;
		}
		for (SpanSort sort : values()) {
			if (sort.parameter.equalsIgnoreCase(text)) {
				return sort;
			}
		}
		throw new InvalidParameterException("sort",
				"unknown sort field '" + text + "'; use one of " + List.of(START_TIME.parameter, DURATION.parameter));
	}

	/**
	 * Returns the paged search of spans in this order.
	 * @param name the search's name, which its cursors carry
	 * @param ascending whether the smallest values come first
	 * @return the search
	 */
	public PagedSearch search(String name, boolean ascending) {
		return new PagedSearch(name, this.parameter + ":" + (ascending ? "asc" : "desc"),
				List.of(Sort.numeric(this.field, ascending), Sort.keyword(SpanFields.TRACE_ID, true),
						Sort.keyword(SpanFields.SPAN_ID, true), Sort.keyword(SpanFields.KIND, true)));
	}

}
