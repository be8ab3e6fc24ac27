package io.panopticon.query.metrics;

import java.util.Set;

/**
 * An endpoint's figures over a range.
 *
 * @param endpoint the endpoint as stored ({@code GET /orders/{id}}, or the span name of a
 * span without HTTP method and route); the value the endpoint traces search takes
 * @param method the HTTP method, or {@code null} for an endpoint that is not HTTP
 * @param path the route, or the span name for an endpoint that is not HTTP
 * @param requests request spans
 * @param errorRate the percentage of requests that are errors, 0 to 100
 * @param p50Latency the median request duration in milliseconds
 * @param p95Latency the 95th percentile in milliseconds
 * @param p99Latency the 99th percentile in milliseconds
 */
public record EndpointSummary(String endpoint, String method, String path, long requests, double errorRate,
		Double p50Latency, Double p95Latency, Double p99Latency) {

	private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
			"TRACE", "CONNECT");

	static EndpointSummary of(String endpoint, Figures figures) {
		// Ingest names an HTTP endpoint "METHOD route"; anything else is a span name.
		int space = endpoint.indexOf(' ');
		String method = null;
		String path = endpoint;
		if (space > 0 && METHODS.contains(endpoint.substring(0, space)) && endpoint.startsWith("/", space + 1)) {
			method = endpoint.substring(0, space);
			path = endpoint.substring(space + 1);
		}
		return new EndpointSummary(endpoint, method, path, figures.requests(), figures.errorRate(),
				figures.percentileMillis(50), figures.percentileMillis(95), figures.percentileMillis(99));
	}

}
