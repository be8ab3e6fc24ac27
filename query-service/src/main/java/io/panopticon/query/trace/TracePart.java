package io.panopticon.query.trace;

import java.util.ArrayList;
import java.util.List;

import io.panopticon.query.search.Query;

/**
 * The part of a trace that {@code GET /api/traces/{traceId}} is asked for: the whole
 * trace, or only the spans and log events of one service or environment (seed 002's
 * optional filters), as a dashboard shows a service's own share of a trace.
 *
 * @param traceId the trace id, lower case
 * @param service only this service, or {@code null}
 * @param environment only this environment, or {@code null}
 */
record TracePart(String traceId, String service, String environment) {

	/**
	 * The query for the part's documents; span and log documents name the trace, service
	 * and environment with the same fields.
	 * @param traceIdField the trace id field
	 * @param serviceField the service field
	 * @param environmentField the environment field
	 * @return a term query on the trace id alone when there are no filters
	 */
	Query query(String traceIdField, String serviceField, String environmentField) {
		Query trace = Query.term(traceIdField, this.traceId);
		if (this.service == null && this.environment == null) {
			return trace;
		}
		List<Query> filters = new ArrayList<>(List.of(trace));
		if (this.service != null) {
			filters.add(Query.term(serviceField, this.service));
		}
		if (this.environment != null) {
			filters.add(Query.term(environmentField, this.environment));
		}
		return Query.allOf(filters, List.of());
	}

	/**
	 * Describes the filters for a message, such as {@code " with service orders"}.
	 * @return the words, empty without filters
	 */
	String filtersDescribed() {
		StringBuilder words = new StringBuilder();
		if (this.service != null) {
			words.append(" with service ").append(this.service);
		}
		if (this.environment != null) {
			words.append((words.length() > 0) ? " and" : " with").append(" environment ").append(this.environment);
		}
		return words.toString();
	}

}
