package io.panopticon.errorstream.recent;

import java.time.Instant;

import io.panopticon.common.web.InvalidParameterException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecentQueryTest {

	private static final Instant NOW = Instant.parse("2025-11-21T08:00:00Z");

	@Test
	void defaultsToTheLastFifteenMinutesAndAHundred() {
		assertThat(RecentQuery.parse(null, null, null, null, NOW, 1000))
			.isEqualTo(new RecentQuery(Instant.parse("2025-11-21T07:45:00Z"), null, null, 100));
	}

	@Test
	void readsEveryParameter() {
		assertThat(RecentQuery.parse("2025-11-21T09:30:00+02:00", " orders ", "prod", "7", NOW, 1000))
			.isEqualTo(new RecentQuery(Instant.parse("2025-11-21T07:30:00Z"), "orders", "prod", 7));
	}

	@Test
	void badParametersAreNamed() {
		assertInvalid("since", () -> RecentQuery.parse("yesterday", null, null, null, NOW, 1000));
		assertInvalid("since", () -> RecentQuery.parse("2025-11-21T08:00:00", null, null, null, NOW, 1000));
		assertInvalid("limit", () -> RecentQuery.parse(null, null, null, "0", NOW, 1000));
		assertInvalid("limit", () -> RecentQuery.parse(null, null, null, "1001", NOW, 1000));
		assertInvalid("limit", () -> RecentQuery.parse(null, null, null, "ten", NOW, 1000));
		assertInvalid("service", () -> RecentQuery.parse(null, " ", null, null, NOW, 1000));
		assertInvalid("environment", () -> RecentQuery.parse(null, null, "", null, NOW, 1000));
	}

	private static void assertInvalid(String parameter, Runnable parse) {
		assertThatThrownBy(parse::run).isInstanceOf(InvalidParameterException.class)
			.extracting((ex) -> ((InvalidParameterException) ex).getParameter())
			.isEqualTo(parameter);
	}

}
