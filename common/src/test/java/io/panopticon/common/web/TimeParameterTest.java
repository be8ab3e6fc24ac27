package io.panopticon.common.web;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TimeParameterTest {

	@Test
	void readsIsoWithAnOffsetAndEpochMillis() {
		assertThat(TimeParameter.parse("from", " 2026-11-22T04:00:00+01:00 "))
			.isEqualTo(Instant.parse("2026-11-22T03:00:00Z"));
		assertThat(TimeParameter.parse("from", "1795316400000")).isEqualTo(Instant.ofEpochMilli(1795316400000L));
		assertThat(TimeParameter.parse("from", "0")).isEqualTo(Instant.EPOCH);
	}

	@Test
	void theBoundsThemselvesAreAccepted() {
		assertThat(TimeParameter.parse("from", "1678-01-01T00:00:00Z")).isEqualTo(TimeParameter.EARLIEST);
		assertThat(TimeParameter.parse("to", "2262-01-01T00:00:00Z")).isEqualTo(TimeParameter.LATEST);
	}

	@Test
	void timesWhoseNanosecondsOverflowAreRefusedNamingTheParameter() {
		for (String value : new String[] { "2300-01-01T00:00:00Z", "1600-01-01T00:00:00Z", "9223372036854775807",
				"9223372036854775000", "99999999999999999999999", "+999999999-12-31T23:59:59Z",
				"-999999999-01-01T00:00:00Z", "1677-09-21T00:12:43Z", "2262-04-11T23:47:17Z" }) {
			assertThatExceptionOfType(InvalidParameterException.class).as(value)
				.isThrownBy(() -> TimeParameter.parse("since", value))
				.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("since"))
				.withMessageContaining("1678-01-01T00:00:00Z");
		}
	}

	@Test
	void whatIsNoTimeIsRefusedNamingTheParameter() {
		for (String value : new String[] { "", " ", "yesterday", "-5", "1e3", "2026-11-22", "２０２６", "12:00" }) {
			assertThatExceptionOfType(InvalidParameterException.class).as(value)
				.isThrownBy(() -> TimeParameter.parse("to", value))
				.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("to"));
		}
	}

	@Test
	void computedTimesAreCheckedToo() {
		assertThat(TimeParameter.check("from", Instant.EPOCH)).isEqualTo(Instant.EPOCH);
		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> TimeParameter.check("cursor", TimeParameter.LATEST.plusNanos(1)))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("cursor"));
		assertThat(TimeParameter.isSupported(TimeParameter.EARLIEST.minusNanos(1))).isFalse();
	}

}
