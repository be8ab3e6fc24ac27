package io.panopticon.alert.slo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The burn rates of an SLO by window, and which of its alert conditions hold.
 *
 * @param byWindow burn rate by window text (for example {@code 1h})
 */
public record BurnRates(Map<String, Double> byWindow) {

	public BurnRates {
		byWindow = Map.copyOf(byWindow);
	}

	/**
	 * @param events the events by window text
	 * @param budgetFraction the error budget as a fraction of events
	 * @return the burn rates
	 */
	public static BurnRates of(Map<String, Events> events, double budgetFraction) {
		Map<String, Double> rates = new LinkedHashMap<>();
		events.forEach((window, counted) -> rates.put(window, counted.burnRate(budgetFraction)));
		return new BurnRates(rates);
	}

	/**
	 * Returns the conditions that hold, one per severity: a condition holds when the burn
	 * rate exceeds its factor over both of its windows. Of several holding conditions of
	 * one severity, the one with the highest burn rate over its long window speaks.
	 * @param alerts the SLO's conditions
	 * @return the holding condition by severity
	 */
	public Map<String, Firing> firing(List<BurnRateAlert> alerts) {
		Map<String, Firing> firing = new LinkedHashMap<>();
		for (BurnRateAlert alert : alerts) {
			double longRate = this.byWindow.getOrDefault(alert.longWindow(), 0.0);
			double shortRate = this.byWindow.getOrDefault(alert.shortWindow(), 0.0);
			if (longRate > alert.factor() && shortRate > alert.factor()) {
				Firing candidate = new Firing(alert.severity(), longRate, alert.longWindow(), alert.factor());
				firing.merge(alert.severity(), candidate,
						(current, other) -> (other.burnRate() > current.burnRate()) ? other : current);
			}
		}
		return firing;
	}

	/**
	 * A condition that holds.
	 *
	 * @param severity its severity
	 * @param burnRate the burn rate over its long window
	 * @param window its long window
	 * @param factor its factor
	 */
	public record Firing(String severity, double burnRate, String window, double factor) {
	}

}
