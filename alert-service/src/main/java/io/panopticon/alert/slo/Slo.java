package io.panopticon.alert.slo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A stored SLO, as the API shows it (the full form).
 *
 * @param id its id
 * @param name a name for people
 * @param serviceName the service
 * @param environment only this environment, or null for all
 * @param endpoint only this endpoint, or null
 * @param indicator {@code error_rate}, {@code latency} or {@code throughput}
 * @param threshold latency: ms; throughput: requests per minute; error_rate: null
 * @param objective percent of good events
 * @param windowDays the rolling window in days
 * @param channels notification channel ids
 * @param labels labels
 * @param burnRateAlerts the alert conditions
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 * @param createdBy who created it (a token subject)
 */
public record Slo(long id, String name, String serviceName, String environment, String endpoint, String indicator,
		Double threshold, double objective, int windowDays, List<Long> channels, Map<String, String> labels,
		List<BurnRateAlert> burnRateAlerts, Instant createdAt, Instant updatedAt, String createdBy) {

	/**
	 * @return the indicator as an enum
	 */
	public Indicator indicatorKind() {
		return Indicator.of(this.indicator);
	}

	/**
	 * @return the error budget as a fraction of events, for example 0.001
	 */
	public double budgetFraction() {
		return 1 - this.objective / 100;
	}

}
