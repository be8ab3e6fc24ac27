package io.panopticon.query.span;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.panopticon.storage.SpanFields;
import io.panopticon.storage.IndexFamily;
import io.panopticon.common.telemetry.SpanKind;
import io.panopticon.common.telemetry.StatusCode;
import io.panopticon.query.search.Query;
import io.panopticon.query.search.Times;
import io.panopticon.query.window.QueryWindow;

/**
 * Which spans a search wants: a time window and any number of conditions, all of which
 * must hold. Conditions left unset match every span. Not thread-safe; build one per
 * request.
 */
public final class SpanFilter {

	private final QueryWindow window;

	private String service;

	private String environment;

	private String name;

	private String endpoint;

	private Set<SpanKind> kinds = EnumSet.noneOf(SpanKind.class);

	private Set<StatusCode> statuses = EnumSet.noneOf(StatusCode.class);

	private Boolean error;

	private Boolean request;

	private Long minDurationMicros;

	private Long maxDurationMicros;

	private String traceId;

	private String spanId;

	private String parentSpanId;

	private List<String> attributes = List.of();

	private boolean rootsOnly;

	/**
	 * @param window spans that start in this window
	 */
	public SpanFilter(QueryWindow window) {
		this.window = Objects.requireNonNull(window, "window");
	}

	public SpanFilter service(String service) {
		this.service = service;
		return this;
	}

	public SpanFilter environment(String environment) {
		this.environment = environment;
		return this;
	}

	public SpanFilter name(String name) {
		this.name = name;
		return this;
	}

	public SpanFilter endpoint(String endpoint) {
		this.endpoint = endpoint;
		return this;
	}

	public SpanFilter kinds(Set<SpanKind> kinds) {
		this.kinds = EnumSet.noneOf(SpanKind.class);
		this.kinds.addAll(kinds);
		return this;
	}

	public SpanFilter statuses(Set<StatusCode> statuses) {
		this.statuses = EnumSet.noneOf(StatusCode.class);
		this.statuses.addAll(statuses);
		return this;
	}

	/**
	 * Keeps errors only, or non-errors only, by the platform's definition of an error.
	 * @param error {@code true}, {@code false}, or {@code null} for both
	 * @return this filter
	 */
	public SpanFilter error(Boolean error) {
		this.error = error;
		return this;
	}

	/**
	 * Keeps requests (SERVER and CONSUMER spans) only, or the others only.
	 * @param request {@code true}, {@code false}, or {@code null} for both
	 * @return this filter
	 */
	public SpanFilter request(Boolean request) {
		this.request = request;
		return this;
	}

	public SpanFilter durationMicros(Long min, Long max) {
		this.minDurationMicros = min;
		this.maxDurationMicros = max;
		return this;
	}

	public SpanFilter traceId(String traceId) {
		this.traceId = traceId;
		return this;
	}

	public SpanFilter spanId(String spanId) {
		this.spanId = spanId;
		return this;
	}

	public SpanFilter parentSpanId(String parentSpanId) {
		this.parentSpanId = parentSpanId;
		return this;
	}

	/**
	 * Keeps spans having every one of these attribute entries ({@code key=value} or
	 * {@code key}).
	 * @param attributes the entries
	 * @return this filter
	 */
	public SpanFilter attributes(List<String> attributes) {
		this.attributes = List.copyOf(attributes);
		return this;
	}

	/**
	 * Keeps root spans only: spans without a parent, each of which stands for its trace.
	 * @return this filter
	 */
	public SpanFilter rootsOnly() {
		this.rootsOnly = true;
		return this;
	}

	/**
	 * Returns the window.
	 * @return the window
	 */
	public QueryWindow window() {
		return this.window;
	}

	/**
	 * Returns the daily span indices the window touches.
	 * @return index names (or month patterns)
	 */
	public List<String> indices() {
		return IndexFamily.TRACES.indicesFor(this.window.from(), this.window.to());
	}

	/**
	 * Returns the Elasticsearch query: every condition as a non-scoring filter.
	 * @return the query
	 */
	public Query toQuery() {
		List<Query> filters = new ArrayList<>();
		List<Query> exclusions = new ArrayList<>();
		filters.add(Query.halfOpenRange(SpanFields.START_TIME_MICROS, Times.micros(this.window.from()),
				Times.micros(this.window.to())));
		addTerm(filters, SpanFields.TRACE_ID, this.traceId);
		addTerm(filters, SpanFields.SPAN_ID, this.spanId);
		addTerm(filters, SpanFields.PARENT_SPAN_ID, this.parentSpanId);
		addTerm(filters, SpanFields.SERVICE_NAME, this.service);
		addTerm(filters, SpanFields.ENVIRONMENT, this.environment);
		addTerm(filters, SpanFields.NAME, this.name);
		addTerm(filters, SpanFields.ENDPOINT, this.endpoint);
		if (!this.kinds.isEmpty()) {
			filters.add(terms(SpanFields.KIND, this.kinds));
		}
		if (!this.statuses.isEmpty()) {
			filters.add(terms(SpanFields.STATUS_CODE, this.statuses));
		}
		if (this.error != null) {
			filters.add(Query.term(SpanFields.IS_ERROR, this.error));
		}
		if (this.request != null) {
			filters.add(Query.term(SpanFields.IS_REQUEST, this.request));
		}
		if (this.minDurationMicros != null || this.maxDurationMicros != null) {
			filters.add(Query.closedRange(SpanFields.DURATION_MICROS, this.minDurationMicros, this.maxDurationMicros));
		}
		for (String attribute : this.attributes) {
			filters.add(Query.term(SpanFields.ATTRIBUTES, attribute));
		}
		if (this.rootsOnly) {
			exclusions.add(Query.exists(SpanFields.PARENT_SPAN_ID));
		}
		return Query.allOf(filters, exclusions);
	}

	private static void addTerm(List<Query> filters, String field, String value) {
		if (value != null) {
			filters.add(Query.term(field, value));
		}
	}

	private static Query terms(String field, Set<? extends Enum<?>> values) {
		return (values.size() == 1) ? Query.term(field, values.iterator().next().name())
				: Query.terms(field, values.stream().map(Enum::name).toList());
	}

}
