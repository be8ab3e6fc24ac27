package io.panopticon.query.metrics;

/**
 * A service's figures over a range, as the services list shows them.
 *
 * @param name the service name
 * @param totalRequests request spans (SERVER and CONSUMER)
 * @param errorRate the percentage of requests that are errors, 0 to 100
 * @param avgLatency the mean request duration in milliseconds
 * @param p95Latency the 95th percentile of request durations in milliseconds
 */
public record ServiceSummary(String name, long totalRequests, double errorRate, Double avgLatency, Double p95Latency) {

	static ServiceSummary of(String name, Figures figures) {
		return new ServiceSummary(name, figures.requests(), figures.errorRate(), figures.avgLatencyMillis(),
				figures.percentileMillis(95));
	}

}
