package io.panopticon.query.metrics;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.panopticon.common.web.InvalidParameterException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ParametersTest {

	@Test
	void defaultIntervalsGiveAtMost180Points() {
		assertThat(Parameters.interval(null, Duration.ofMinutes(15))).isEqualTo(Duration.ofMinutes(1));
		assertThat(Parameters.interval(null, Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(1));
		assertThat(Parameters.interval(null, Duration.ofHours(6))).isEqualTo(Duration.ofMinutes(5));
		assertThat(Parameters.interval(null, Duration.ofHours(24))).isEqualTo(Duration.ofMinutes(10));
		assertThat(Parameters.interval(null, Duration.ofDays(7))).isEqualTo(Duration.ofHours(1));
		assertThat(Parameters.interval("", Duration.ofDays(30))).isEqualTo(Duration.ofHours(6));
	}

	@Test
	void intervalsAreMinutesHoursOrDays() {
		assertThat(Parameters.interval("5m", Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(5));
		assertThat(Parameters.interval("2h", Duration.ofDays(1))).isEqualTo(Duration.ofHours(2));
		assertThat(Parameters.interval("1d", Duration.ofDays(7))).isEqualTo(Duration.ofDays(1));
		assertThat(Parameters.format(Duration.ofMinutes(90))).isEqualTo("90m");
		assertThat(Parameters.format(Duration.ofHours(2))).isEqualTo("2h");
		assertThat(Parameters.format(Duration.ofDays(1))).isEqualTo("1d");
	}

	@Test
	void badIntervalsNameTheParameter() {
		for (String bad : List.of("5s", "0m", "1.5h", "m", "-1m", "1w")) {
			assertThatExceptionOfType(InvalidParameterException.class)
				.isThrownBy(() -> Parameters.interval(bad, Duration.ofHours(1)))
				.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("interval"));
		}
		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> Parameters.interval("1m", Duration.ofDays(7)))
			.withMessageContaining("1500");
	}

	@Test
	void limitOrderAndSort() {
		assertThat(Parameters.limit(null, 100, 1000)).isEqualTo(100);
		assertThat(Parameters.limit(7, 100, 1000)).isEqualTo(7);
		assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> Parameters.limit(0, 100, 1000))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("limit"));
		assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> Parameters.limit(1001, 100, 1000));
		assertThat(Parameters.ascending(null, true)).isTrue();
		assertThat(Parameters.ascending("DESC", true)).isFalse();
		assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> Parameters.ascending("up", true))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("order"));
		assertThat(Parameters.sort(null, List.of("a", "b"), "b")).isEqualTo("b");
		assertThat(Parameters.sort("a", List.of("a", "b"), "b")).isEqualTo("a");
		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> Parameters.sort("c", List.of("a", "b"), "b"))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("sort"))
			.withMessageContaining("[a, b]");
	}

	@Test
	void aSearchOfMoreThanAHundredCharactersNamesTheParameter() {
		assertThat(Parameters.search(" " + "é".repeat(100) + " ")).hasSize(100);
		assertThat(Parameters.search("  ")).isNull();
		assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> Parameters.search("x".repeat(101)))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("search"));
	}

}
