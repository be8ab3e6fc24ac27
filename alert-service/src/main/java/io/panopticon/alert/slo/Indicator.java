package io.panopticon.alert.slo;

import java.util.Locale;

/** What an SLO measures. */
public enum Indicator {

	/** The share of requests that did not fail. */
	ERROR_RATE,

	/** The share of requests faster than the threshold (ms). */
	LATENCY,

	/** The share of minutes with at least the threshold's requests. */
	THROUGHPUT;

	/**
	 * @return the name in the API, for example {@code error_rate}
	 */
	public String apiName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * @param name an API name
	 * @return the indicator, or null if the name is none
	 */
	public static Indicator of(String name) {
		for (Indicator indicator : values()) {
			if (indicator.apiName().equals(name)) {
				return indicator;
			}
		}
		return null;
	}

}
