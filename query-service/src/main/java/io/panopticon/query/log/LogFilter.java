package io.panopticon.query.log;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.panopticon.storage.IndexFamily;
import io.panopticon.common.telemetry.LogLevel;
import io.panopticon.query.search.PagedSearch;
import io.panopticon.query.search.Query;
import io.panopticon.query.search.Sort;
import io.panopticon.query.search.Times;
import io.panopticon.query.window.QueryWindow;

/**
 * Which log events a search wants: a time window and any number of conditions, all of
 * which must hold. Not thread-safe; build one per request.
 */
final class LogFilter {

	private final QueryWindow window;

	private String service;

	private String environment;

	private Set<LogLevel> levels = EnumSet.noneOf(LogLevel.class);

	private String traceId;

	private String spanId;

	private List<String> attributes = List.of();

	private String text;

	LogFilter(QueryWindow window) {
		this.window = Objects.requireNonNull(window, "window");
	}

	/**
	 * Returns the paged search of log events by time. Log events have no field that is
	 * unique per document, so the tie-breakers are the index and the sequence number,
	 * which is unique within a shard and never changes; the log indices have one shard
	 * each, and events with the same timestamp are in the same daily index.
	 * @param ascending whether the oldest come first
	 * @return the search
	 */
	static PagedSearch search(boolean ascending) {
		return new PagedSearch(LogController.SEARCH, "timestamp:" + (ascending ? "asc" : "desc"),
				List.of(Sort.numeric(LogFields.TIMESTAMP_MICROS, ascending), Sort.metadata("_index", Sort.Type.KEYWORD),
						Sort.metadata("_seq_no", Sort.Type.LONG)));
	}

	LogFilter service(String service) {
		this.service = service;
		return this;
	}

	LogFilter environment(String environment) {
		this.environment = environment;
		return this;
	}

	LogFilter levels(Set<LogLevel> levels) {
		this.levels = EnumSet.noneOf(LogLevel.class);
		this.levels.addAll(levels);
		return this;
	}

	LogFilter traceId(String traceId) {
		this.traceId = traceId;
		return this;
	}

	LogFilter spanId(String spanId) {
		this.spanId = spanId;
		return this;
	}

	LogFilter attributes(List<String> attributes) {
		this.attributes = List.copyOf(attributes);
		return this;
	}

	/**
	 * Keeps events whose message holds every word of the text (full-text, any order).
	 * @param text the words, or {@code null}
	 * @return this filter
	 */
	LogFilter text(String text) {
		this.text = text;
		return this;
	}

	List<String> indices() {
		return IndexFamily.LOGS.indicesFor(this.window.from(), this.window.to());
	}

	Query toQuery() {
		List<Query> filters = new ArrayList<>();
		filters.add(Query.halfOpenRange(LogFields.TIMESTAMP_MICROS, Times.micros(this.window.from()),
				Times.micros(this.window.to())));
		if (this.service != null) {
			filters.add(Query.term(LogFields.SERVICE_NAME, this.service));
		}
		if (this.environment != null) {
			filters.add(Query.term(LogFields.ENVIRONMENT, this.environment));
		}
		if (this.levels.size() == 1) {
			filters.add(Query.term(LogFields.LEVEL, this.levels.iterator().next().name()));
		}
		else if (!this.levels.isEmpty()) {
			filters.add(Query.terms(LogFields.LEVEL, this.levels.stream().map(Enum::name).toList()));
		}
		if (this.traceId != null) {
			filters.add(Query.term(LogFields.TRACE_ID, this.traceId));
		}
		if (this.spanId != null) {
			filters.add(Query.term(LogFields.SPAN_ID, this.spanId));
		}
		for (String attribute : this.attributes) {
			filters.add(Query.term(LogFields.ATTRIBUTES, attribute));
		}
		if (this.text != null) {
			filters.add(Query.matchAllWords(LogFields.MESSAGE, this.text));
		}
		return Query.allOf(filters, List.of());
	}

}
