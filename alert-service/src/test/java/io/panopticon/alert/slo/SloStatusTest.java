package io.panopticon.alert.slo;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SloStatusTest {

	private static final long HOUR = 3_600_000L;

	@Test
	void theBudgetIsSpentHourByHourAgainstTheWholeWindow() {
		Slo slo = new Slo(7, "orders", "orders", null, null, "error_rate", null, 99, 7, List.of(), Map.of(),
				BurnRateAlert.DEFAULTS, Instant.EPOCH, Instant.EPOCH, null);
		Map<Long, Events> hourly = new TreeMap<>();
		hourly.put(0L, new Events(1000, 0));
		hourly.put(HOUR, new Events(995, 5));
		hourly.put(2 * HOUR, new Events(995, 5));
		Instant now = Instant.ofEpochMilli(2 * HOUR + 1_800_000);
		SloStatus status = SloStatus.of(slo, hourly, new BurnRates(Map.of("1h", 2.0)), now, List.of());
		assertThat(status.sli()).isCloseTo(100.0 * 2990 / 3000, within(1e-9));
		assertThat(status.errorBudget().allowedBadEvents()).isCloseTo(30.0, within(1e-9));
		assertThat(status.errorBudget().consumedBadEvents()).isEqualTo(10);
		assertThat(status.budgetRemaining()).isCloseTo(100 * (1 - 10 / 30.0), within(1e-9));
		List<Double> series = status.budgetRemainingSeries().stream().map(SloStatus.Point::budgetRemaining).toList();
		assertThat(series).hasSize(3);
		assertThat(series.get(0)).isEqualTo(100.0);
		assertThat(series.get(1)).isCloseTo(100 * (1 - 5 / 30.0), within(1e-9));
		assertThat(series.get(2)).isCloseTo(100 * (1 - 10 / 30.0), within(1e-9));
		assertThat(status.budgetRemainingSeries().get(2).time()).isEqualTo(now);
		assertThat(status.burnRates()).containsEntry("1h", 2.0).containsEntry("5m", 0.0).hasSize(7);
	}

	@Test
	void withoutEventsTheSliIsUnknownAndTheBudgetWhole() {
		Slo slo = new Slo(7, "orders", "orders", null, null, "error_rate", null, 99.9, 28, List.of(), Map.of(),
				BurnRateAlert.DEFAULTS, Instant.EPOCH, Instant.EPOCH, null);
		SloStatus status = SloStatus.of(slo, Map.of(0L, Events.NONE), new BurnRates(Map.of()), Instant.EPOCH,
				List.of());
		assertThat(status.sli()).isNull();
		assertThat(status.budgetRemaining()).isEqualTo(100.0);
	}

}
