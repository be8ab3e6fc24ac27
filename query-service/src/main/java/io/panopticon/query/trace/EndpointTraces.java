package io.panopticon.query.trace;

import java.util.List;

/**
 * The recent error and slow traces of one endpoint of a service.
 *
 * @param service the service
 * @param endpoint the endpoint, such as {@code GET /orders/{id}}
 * @param from the start of the searched window, ISO-8601
 * @param to the end of the searched window (exclusive), ISO-8601
 * @param errors the endpoint's latest requests that were errors, newest first
 * @param slow the endpoint's slowest requests, slowest first
 */
record EndpointTraces(String service, String endpoint, String from, String to, List<TraceSummary> errors,
		List<TraceSummary> slow) {
}
