package io.panopticon.query.search;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.panopticon.common.telemetry.LogLevel;
import io.panopticon.common.telemetry.SpanKind;
import io.panopticon.common.web.InvalidParameterException;
import io.panopticon.query.window.QueryWindow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SearchParametersTest {

	private static final SearchProperties PROPERTIES = new SearchProperties(Duration.ofMinutes(15), Duration.ofDays(7),
			20, 1000, 5000, 1000);

	@Test
	void enumValuesIgnoreCaseAndMayBeRepeatedOrCommaSeparated() {
		assertThat(SearchParameters.anyOf("kind", List.of("server", "CLIENT,consumer"), SpanKind.class))
			.containsExactly(SpanKind.SERVER, SpanKind.CLIENT, SpanKind.CONSUMER);
		assertThat(SearchParameters.anyOf("kind", null, SpanKind.class)).isEmpty();
		assertThat(SearchParameters.oneOf("minLevel", " warn ", LogLevel.class)).isEqualTo(LogLevel.WARN);
	}

	@Test
	void unknownEnumValueListsTheValidOnes() {
		assertInvalid(() -> SearchParameters.anyOf("level", List.of("INFO,LOUD"), LogLevel.class), "level",
				"unknown value 'LOUD'; use one of [TRACE, DEBUG, INFO, WARN, ERROR, FATAL]");
	}

	@Test
	void durationsAreMillisecondsWithDecimals() {
		assertThat(SearchParameters.millisAsMicros("minDuration", "1.5")).isEqualTo(1500L);
		assertThat(SearchParameters.millisAsMicros("minDuration", "0.0004")).isZero();
		assertThat(SearchParameters.millisAsMicros("minDuration", "250")).isEqualTo(250_000L);
		assertThat(SearchParameters.millisAsMicros("minDuration", " ")).isNull();
		assertInvalid(() -> SearchParameters.millisAsMicros("minDuration", "-1"), "minDuration", "milliseconds");
		assertInvalid(() -> SearchParameters.millisAsMicros("maxDuration", "1e30"), "maxDuration", "milliseconds");
		assertInvalid(() -> SearchParameters.millisAsMicros("maxDuration", "5ms"), "maxDuration", "milliseconds");
		assertInvalid(() -> SearchParameters.requireOrdered("minDuration", 5L, "maxDuration", 4L), "minDuration",
				"must not be above maxDuration");
	}

	@Test
	void attributesBecomeKeywordEntries() {
		assertThat(SearchParameters.attributes(List.of("region:eu-1", "url:http://x:8080/a", "retry", "empty:")))
			.containsExactly("region=eu-1", "url=http://x:8080/a", "retry", "empty=");
		assertInvalid(() -> SearchParameters.attributes(List.of(":value")), "attr", "key:value");
	}

	@Test
	void idsAreCheckedAndLowerCased() {
		assertThat(SearchParameters.traceId("traceId", "4BF92F3577B34DA6A3CE929D0E0E4736"))
			.isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(SearchParameters.traceId("traceId", "A3CE929D0E0E4736")).isEqualTo("a3ce929d0e0e4736");
		assertThat(SearchParameters.spanId("spanId", "00F067AA0BA902B7")).isEqualTo("00f067aa0ba902b7");
		assertInvalid(() -> SearchParameters.traceId("traceId", "4bf92f35"), "traceId", "16 or 32 hexadecimal");
		assertInvalid(() -> SearchParameters.traceId("traceId", "0".repeat(32)), "traceId", "not all zeros");
		assertInvalid(() -> SearchParameters.spanId("parentSpanId", "zzzzzzzzzzzzzzzz"), "parentSpanId",
				"16 hexadecimal");
	}

	@Test
	void limitDefaultsAndIsBounded() {
		assertThat(SearchParameters.limit(null, PROPERTIES)).isEqualTo(20);
		assertThat(SearchParameters.limit("1000", PROPERTIES)).isEqualTo(1000);
		assertInvalid(() -> SearchParameters.limit("0", PROPERTIES), "limit", "from 1 to 1000");
		assertInvalid(() -> SearchParameters.limit("1001", PROPERTIES), "limit", "from 1 to 1000");
		assertInvalid(() -> SearchParameters.limit("ten", PROPERTIES), "limit", "from 1 to 1000");
	}

	@Test
	void orderAndBooleans() {
		assertThat(SearchParameters.ascending(null, false)).isFalse();
		assertThat(SearchParameters.ascending("ASC", false)).isTrue();
		assertInvalid(() -> SearchParameters.ascending("up", false), "order", "[asc, desc]");
		assertThat(SearchParameters.bool("error", "TRUE")).isTrue();
		assertThat(SearchParameters.bool("error", null)).isNull();
		assertInvalid(() -> SearchParameters.bool("error", "yes"), "error", "true or false");
	}

	@Test
	void windowDefaultsToTheLastFifteenMinutesAndACursorPinsIt() {
		Instant now = Instant.parse("2026-11-22T03:30:00Z");
		Clock clock = Clock.fixed(now, ZoneOffset.UTC);
		assertThat(SearchParameters.window(null, null, null, null, PROPERTIES, clock))
			.isEqualTo(new QueryWindow(Instant.parse("2026-11-22T03:15:00Z"), now));
		QueryWindow pinned = new QueryWindow(Instant.parse("2026-11-22T01:00:00Z"),
				Instant.parse("2026-11-22T02:00:00Z"));
		Cursor cursor = new Cursor("logs", "timestamp:desc", pinned, Query.JSON.createArrayNode());
		assertThat(SearchParameters.window(null, null, "15m", cursor, PROPERTIES, clock)).isEqualTo(pinned);
		assertInvalid(() -> SearchParameters.window("2026-11-01T00:00:00Z", null, null, null, PROPERTIES, clock),
				"from", "maximum");
	}

	@Test
	void settingsOutOfRangeAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SearchProperties(Duration.ofMinutes(15), Duration.ofDays(7), 20, 1000, 20_000, 10))
			.withMessageContaining("max-trace-spans");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SearchProperties(Duration.ofMinutes(15), Duration.ofDays(7), 2000, 1000, 10, 10))
			.withMessageContaining("default-limit");
	}

	private static void assertInvalid(Runnable call, String parameter, String reason) {
		assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(call::run)
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo(parameter))
			.withMessageContaining(reason);
	}

}
