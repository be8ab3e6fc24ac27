package io.panopticon.alert.slo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.panopticon.storage.sli.RequestCounts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BurnRatesTest {

	private static final double BUDGET = 0.001;

	@Test
	void theBurnRateIsTheBadShareOverTheBudget() {
		assertThat(new Events(990, 10).burnRate(BUDGET)).isCloseTo(10.0, within(1e-9));
		assertThat(new Events(0, 5).burnRate(BUDGET)).isCloseTo(1000.0, within(1e-9));
		assertThat(Events.NONE.burnRate(BUDGET)).isZero();
	}

	@Test
	void eventsOfRequestIndicators() {
		RequestCounts counts = new RequestCounts(100, 3, 90);
		assertThat(Events.of(Indicator.ERROR_RATE, counts)).isEqualTo(new Events(97, 3));
		assertThat(Events.of(Indicator.LATENCY, counts)).isEqualTo(new Events(90, 10));
	}

	@Test
	void throughputCountsMinutesBelowTheMinimumAndMinutesWithoutRequests() {
		Map<Long, RequestCounts> perMinute = new TreeMap<>();
		perMinute.put(0L, new RequestCounts(30, 0, 0));
		perMinute.put(60_000L, new RequestCounts(5, 0, 0));
		// 120_000: no requests at all.
		perMinute.put(180_000L, new RequestCounts(20, 0, 0));
		assertThat(Events.ofMinutes(perMinute, 0, 240_000, 20)).isEqualTo(new Events(2, 2));
	}

	@Test
	void thePageFiresOnlyWhenBothWindowsExceedTheFactor() {
		// 2 % errors against a 0.1 % budget: 20×, over the long and the short window.
		BurnRates burning = rates(
				Map.of("5m", 20.0, "1h", 20.0, "30m", 1.0, "6h", 1.0, "2h", 1.0, "1d", 1.0, "3d", 1.0));
		assertThat(burning.firing(BurnRateAlert.DEFAULTS)).containsOnlyKeys("critical");
		assertThat(burning.firing(BurnRateAlert.DEFAULTS).get("critical"))
			.isEqualTo(new BurnRates.Firing("critical", 20.0, "1h", 14.4));
		// Recovered in the short window: the page no longer holds.
		BurnRates recovering = rates(Map.of("5m", 0.0, "1h", 20.0));
		assertThat(recovering.firing(BurnRateAlert.DEFAULTS)).isEmpty();
		// Exactly the factor does not exceed it.
		assertThat(rates(Map.of("5m", 14.4, "1h", 14.4)).firing(BurnRateAlert.DEFAULTS)).isEmpty();
	}

	@Test
	void ofTwoHoldingConditionsOfASeverityTheHigherBurnRateSpeaks() {
		BurnRates rates = rates(
				Map.of("5m", 30.0, "1h", 15.0, "30m", 30.0, "6h", 7.0, "2h", 7.0, "1d", 4.0, "3d", 2.0));
		Map<String, BurnRates.Firing> firing = rates.firing(BurnRateAlert.DEFAULTS);
		assertThat(firing.get("critical")).isEqualTo(new BurnRates.Firing("critical", 15.0, "1h", 14.4));
		assertThat(firing.get("warning")).isEqualTo(new BurnRates.Firing("warning", 4.0, "1d", 3.0));
	}

	@Test
	void windowsAreWrittenInTheirLargestWholeUnit() {
		assertThat(Windows.format(Windows.parse("60m"))).isEqualTo("1h");
		assertThat(Windows.format(Windows.parse("72h"))).isEqualTo("3d");
		assertThat(Windows.format(Windows.parse("90m"))).isEqualTo("90m");
		assertThat(Windows.parse("1w")).isNull();
		assertThat(Windows.parse("0m")).isNull();
	}

	private static BurnRates rates(Map<String, Double> byWindow) {
		return new BurnRates(new LinkedHashMap<>(byWindow));
	}

}
