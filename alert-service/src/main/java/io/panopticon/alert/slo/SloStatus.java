package io.panopticon.alert.slo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.panopticon.alert.alerting.Alert;

/**
 * {@code GET /api/slo/{id}/status}: how an SLO stands over its window.
 *
 * @param sloId the SLO
 * @param indicator its indicator
 * @param objective its objective, percent
 * @param windowDays its window
 * @param from the start of the window read (the first whole hour)
 * @param to its end (now)
 * @param sli the share of good events over the window in percent, or null without events
 * @param goodEvents good events (requests, or minutes for throughput)
 * @param badEvents bad events
 * @param errorBudget the budget: the share of events allowed to be bad and how many that
 * is so far
 * @param budgetRemaining the share of the budget not spent, percent (negative once
 * overspent; 100 without events)
 * @param burnRates burn rates by window, {@code 5m} to {@code 3d}
 * @param budgetRemainingSeries the budget remaining at the end of each hour of the
 * window: bad events so far against the budget of the whole window so far
 * @param alerts the SLO's alerts that are not resolved
 */
public record SloStatus(long sloId, String indicator, double objective, int windowDays, Instant from, Instant to,
		Double sli, long goodEvents, long badEvents, ErrorBudget errorBudget, double budgetRemaining,
		Map<String, Double> burnRates, List<Point> budgetRemainingSeries, List<Alert> alerts) {

	/**
	 * Computes the status.
	 * @param slo the SLO
	 * @param hourly its events per hour of the window, oldest first
	 * @param rates its burn rates
	 * @param now the end of the window
	 * @param alerts its active alerts
	 * @return the status
	 */
	public static SloStatus of(Slo slo, Map<Long, Events> hourly, BurnRates rates, Instant now, List<Alert> alerts) {
		long good = 0;
		long bad = 0;
		for (Events events : hourly.values()) {
			good += events.good();
			bad += events.bad();
		}
		long total = good + bad;
		double allowed = slo.budgetFraction() * total;
		List<Point> series = new ArrayList<>();
		long spent = 0;
		for (Map.Entry<Long, Events> hour : hourly.entrySet()) {
			spent += hour.getValue().bad();
			Instant end = Instant.ofEpochMilli(hour.getKey() + 3_600_000L);
			series.add(new Point(end.isAfter(now) ? now : end, remaining(spent, allowed)));
		}
		Map<String, Double> burnRates = new LinkedHashMap<>();
		for (String window : Windows.STANDARD) {
			burnRates.put(window, rates.byWindow().getOrDefault(window, 0.0));
		}
		Instant from = hourly.isEmpty() ? now : Instant.ofEpochMilli(hourly.keySet().iterator().next());
		return new SloStatus(slo.id(), slo.indicator(), slo.objective(), slo.windowDays(), from, now,
				(total > 0) ? 100.0 * good / total : null, good, bad,
				new ErrorBudget(100 - slo.objective(), allowed, bad), remaining(bad, allowed), burnRates, series,
				alerts);
	}

	private static double remaining(long spent, double allowed) {
		if (spent == 0) {
			return 100;
		}
		// Bad events imply events, so the budget is above 0 here.
		return 100 * (1 - spent / allowed);
	}

	/**
	 * The error budget.
	 *
	 * @param percent the share of events allowed to be bad, percent (100 − objective)
	 * @param allowedBadEvents how many bad events that allows over the events so far
	 * @param consumedBadEvents how many there were
	 */
	public record ErrorBudget(double percent, double allowedBadEvents, long consumedBadEvents) {
	}

	/**
	 * One point of the budget-remaining series.
	 *
	 * @param time the end of the hour
	 * @param budgetRemaining percent
	 */
	public record Point(Instant time, double budgetRemaining) {
	}

}
