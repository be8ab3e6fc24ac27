package io.panopticon.errorstream.recent;

import java.time.Duration;
import java.time.Instant;

import io.panopticon.common.web.InvalidParameterException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecentQueryTest {

	private static final Instant NOW = Instant.parse("2025-11-21T08:00:00Z");

	private static final Duration MAX_AGE = Duration.ofDays(7);

	@Test
	void defaultsToTheLastFifteenMinutesAndAHundred() {
		assertThat(RecentQuery.parse(null, null, null, null, NOW, 1000, MAX_AGE))
			.isEqualTo(new RecentQuery(Instant.parse("2025-11-21T07:45:00Z"), null, null, 100));
	}

	@Test
	void readsEveryParameter() {
		assertThat(RecentQuery.parse("2025-11-21T09:30:00+02:00", " orders ", "prod", "7", NOW, 1000, MAX_AGE))
			.isEqualTo(new RecentQuery(Instant.parse("2025-11-21T07:30:00Z"), "orders", "prod", 7));
	}

	@Test
	void badParametersAreNamed() {
		assertInvalid("since", () -> RecentQuery.parse("yesterday", null, null, null, NOW, 1000, MAX_AGE));
		assertInvalid("since", () -> RecentQuery.parse("2025-11-21T08:00:00", null, null, null, NOW, 1000, MAX_AGE));
		assertInvalid("limit", () -> RecentQuery.parse(null, null, null, "0", NOW, 1000, MAX_AGE));
		assertInvalid("limit", () -> RecentQuery.parse(null, null, null, "1001", NOW, 1000, MAX_AGE));
		assertInvalid("limit", () -> RecentQuery.parse(null, null, null, "ten", NOW, 1000, MAX_AGE));
		assertInvalid("service", () -> RecentQuery.parse(null, " ", null, null, NOW, 1000, MAX_AGE));
		assertInvalid("environment", () -> RecentQuery.parse(null, null, "", null, NOW, 1000, MAX_AGE));
	}

	@Test
	void sinceIsMovedUpToTheMaximumAgeAndNeverSizesAnythingBeyond() {
		assertThat(RecentQuery.parse("2000-01-01T00:00:00Z", null, null, null, NOW, 1000, MAX_AGE).since())
			.isEqualTo(Instant.parse("2025-11-14T08:00:00Z"));
		assertThat(RecentQuery.parse("0", null, null, null, NOW, 1000, MAX_AGE).since())
			.isEqualTo(Instant.parse("2025-11-14T08:00:00Z"));
		assertThat(RecentQuery.parse("1763712000000", null, null, null, NOW, 1000, MAX_AGE).since())
			.isEqualTo(Instant.ofEpochMilli(1763712000000L));
	}

	@Test
	void timesOutsideWhatNanosecondsHoldAreRefused() {
		assertInvalid("since", () -> RecentQuery.parse("1600-01-01T00:00:00Z", null, null, null, NOW, 1000, MAX_AGE));
		assertInvalid("since", () -> RecentQuery.parse("2300-01-01T00:00:00Z", null, null, null, NOW, 1000, MAX_AGE));
		assertInvalid("since", () -> RecentQuery.parse("9223372036854775807", null, null, null, NOW, 1000, MAX_AGE));
	}

	private static void assertInvalid(String parameter, Runnable parse) {
		assertThatThrownBy(parse::run).isInstanceOf(InvalidParameterException.class)
			.extracting((ex) -> ((InvalidParameterException) ex).getParameter())
			.isEqualTo(parameter);
	}

}
