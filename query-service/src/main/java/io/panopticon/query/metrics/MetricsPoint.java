package io.panopticon.query.metrics;

import java.time.Instant;

/**
 * One point of a service's time series: the requests that started in
 * {@code [timestamp, timestamp + interval)}, clipped to the range.
 *
 * @param timestamp the start of the bucket (aligned to the interval, in UTC)
 * @param requests request spans
 * @param errors the requests that are errors
 * @param errorRate the percentage of requests that are errors, 0 to 100
 * @param avgLatency the mean duration in milliseconds, {@code null} without requests
 * @param p50Latency the median in milliseconds, {@code null} without requests
 * @param p90Latency the 90th percentile in milliseconds
 * @param p95Latency the 95th percentile in milliseconds
 * @param p99Latency the 99th percentile in milliseconds
 */
public record MetricsPoint(Instant timestamp, long requests, long errors, double errorRate, Double avgLatency,
		Double p50Latency, Double p90Latency, Double p95Latency, Double p99Latency) {

	static MetricsPoint of(Instant timestamp, Figures figures) {
		return new MetricsPoint(timestamp, figures.requests(), figures.errors(), figures.errorRate(),
				figures.avgLatencyMillis(), figures.percentileMillis(50), figures.percentileMillis(90),
				figures.percentileMillis(95), figures.percentileMillis(99));
	}

}
