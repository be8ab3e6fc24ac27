package io.panopticon.alert.slo;

import java.util.List;
import java.util.Map;

/**
 * What an SLO says, as validated from a request in either form.
 *
 * @param name a name for people
 * @param serviceName the service
 * @param environment only this environment, or null for all
 * @param endpoint only this endpoint (such as {@code GET /orders/{id}}), or null
 * @param indicator what is measured
 * @param threshold for latency the time in ms requests must beat, for throughput the
 * minimum requests per minute; null for error_rate
 * @param objective the share of good events, in percent (for example 99.9)
 * @param windowDays the rolling window: 7, 28 or 30 days
 * @param channels the notification channels' ids
 * @param labels labels, copied onto the SLO's alerts
 * @param burnRateAlerts the alert conditions
 */
public record SloDefinition(String name, String serviceName, String environment, String endpoint, Indicator indicator,
		Double threshold, double objective, int windowDays, List<Long> channels, Map<String, String> labels,
		List<BurnRateAlert> burnRateAlerts) {

	public SloDefinition {
		channels = List.copyOf(channels);
		labels = Map.copyOf(labels);
		burnRateAlerts = List.copyOf(burnRateAlerts);
	}

}
