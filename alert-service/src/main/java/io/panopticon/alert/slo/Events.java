package io.panopticon.alert.slo;

import java.util.Map;

import io.panopticon.storage.sli.RequestCounts;

/**
 * The good and bad events of an SLO over some window: requests for error_rate and
 * latency, minutes for throughput.
 *
 * @param good events that met the objective
 * @param bad events that did not
 */
public record Events(long good, long bad) {

	/** No events. */
	public static final Events NONE = new Events(0, 0);

	/**
	 * @return all events
	 */
	public long total() {
		return this.good + this.bad;
	}

	/**
	 * The events of a request-based indicator.
	 * @param indicator error_rate or latency
	 * @param counts the requests
	 * @return the events
	 */
	public static Events of(Indicator indicator, RequestCounts counts) {
		long bad = switch (indicator) {
			case ERROR_RATE -> counts.errors();
			case LATENCY -> counts.requests() - counts.fast();
			case THROUGHPUT -> throw new IllegalArgumentException("throughput counts minutes, not requests");
		};
		bad = Math.max(0, Math.min(bad, counts.requests()));
		return new Events(counts.requests() - bad, bad);
	}

	/**
	 * The events of a throughput indicator: each minute of {@code [fromMillis, toMillis)}
	 * is good if it had at least the minimum requests.
	 * @param perMinute requests by minute start; minutes left out had none
	 * @param fromMillis the first minute, a whole minute
	 * @param toMillis the end of the last, a whole minute
	 * @param minimum the minimum requests per minute
	 * @return the events
	 */
	public static Events ofMinutes(Map<Long, RequestCounts> perMinute, long fromMillis, long toMillis, double minimum) {
		long good = 0;
		long bad = 0;
		for (long minute = fromMillis; minute < toMillis; minute += 60_000) {
			RequestCounts counts = perMinute.get(minute);
			if (counts != null && counts.requests() >= minimum) {
				good++;
			}
			else {
				bad++;
			}
		}
		return new Events(good, bad);
	}

	/**
	 * The burn rate: how many times faster than allowed the budget is being spent.
	 * @param budgetFraction the error budget as a fraction of events, above 0
	 * @return the bad share over the budget; 0 without events
	 */
	public double burnRate(double budgetFraction) {
		return (total() == 0) ? 0 : ((double) this.bad / total()) / budgetFraction;
	}

}
