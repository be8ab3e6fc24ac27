package io.panopticon.common.telemetry;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link Span} and the other model records.
 */
class SpanTest {

	static Span.Builder span() {
		return Span.builder()
			.traceId("4bf92f3577b34da6a3ce929d0e0e4736")
			.spanId("00f067aa0ba902b7")
			.name("GET /orders/{id}")
			.serviceName("orders")
			.startTimeMicros(1763712000123456L)
			.durationMicros(5321);
	}

	@Test
	void normalisesIdsDefaultsAndEmptyStrings() {
		Span span = span().traceId("4BF92F3577B34DA6A3CE929D0E0E4736")
			.parentSpanId("")
			.environment("")
			.httpMethod("")
			.build();

		assertThat(span.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(span.parentSpanId()).isNull();
		assertThat(span.environment()).isNull();
		assertThat(span.httpMethod()).isNull();
		assertThat(span.kind()).isEqualTo(SpanKind.INTERNAL);
		assertThat(span.status()).isEqualTo(SpanStatus.UNSET);
		assertThat(span.endTimeMicros()).isEqualTo(1763712000123456L + 5321);
	}

	@Test
	void rejectsInvalidValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> span().traceId("xyz").build())
			.withMessageContaining("traceId");
		assertThatIllegalArgumentException().isThrownBy(() -> span().spanId(null).build())
			.withMessageContaining("spanId");
		assertThatIllegalArgumentException().isThrownBy(() -> span().name(" ").build()).withMessageContaining("name");
		assertThatIllegalArgumentException().isThrownBy(() -> span().durationMicros(-1).build())
			.withMessageContaining("durationMicros");
		assertThatIllegalArgumentException().isThrownBy(() -> span().httpStatusCode(99).build())
			.withMessageContaining("httpStatusCode");
		assertThatIllegalArgumentException().isThrownBy(() -> span().putAttribute("when", Instant.EPOCH).build())
			.withMessageContaining("attribute values");
		assertThatIllegalArgumentException().isThrownBy(() -> span().putAttribute("x", Double.NaN).build())
			.withMessageContaining("finite");
	}

	@Test
	void refusesTimesThatNanosecondArithmeticCannotHold() {
		long last = Long.MAX_VALUE / 1000;

		assertThat(span().startTimeMicros(last - 5321).build().endTimeMicros()).isEqualTo(last);
		assertThatIllegalArgumentException().isThrownBy(() -> span().durationMicros(Long.MAX_VALUE).build())
			.withMessageStartingWith("durationMicros must not make the span end after 2262-04-11T23:47:16Z");
		assertThatIllegalArgumentException().isThrownBy(() -> span().startTimeMicros(last - 5320).build())
			.withMessageStartingWith("durationMicros");
		// 2300-01-01T00:00:00Z and 1600-01-01T00:00:00Z
		assertThatIllegalArgumentException().isThrownBy(() -> span().startTimeMicros(10413792000000000L).build())
			.withMessageStartingWith("startTime must not be after 2262-04-11T23:47:16Z");
		assertThatIllegalArgumentException().isThrownBy(() -> span().startTimeMicros(-11676096000000000L).build())
			.withMessageStartingWith("startTime must not be negative");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> span().addEvent(new SpanEvent(10413792000000000L, "e", null)).build())
			.withMessageStartingWith("time must not be after");
	}

	@Test
	void widensAttributeNumbersAndDropsNullValues() {
		Map<String, Object> attributes = new HashMap<>();
		attributes.put("int", 2);
		attributes.put("short", (short) 3);
		attributes.put("float", 0.5f);
		attributes.put("decimal", new BigDecimal("1.25"));
		attributes.put("small", BigInteger.TEN);
		attributes.put("none", null);
		attributes.put("nested", Map.of("n", List.of(1, 2.5f)));

		Span span = span().attributes(attributes).build();

		assertThat(span.attributes()).containsOnly(entry("int", 2L), entry("short", 3L), entry("float", 0.5),
				entry("decimal", 1.25), entry("small", 10L), entry("nested", Map.of("n", List.of(1L, 2.5))));
	}

	@Test
	void keepsAttributesInInsertionOrderAndUnmodifiable() {
		Span span = span().putAttribute("z", 1).putAttribute("a", 2).putAttribute("m", 3).build();

		assertThat(span.attributes().keySet()).containsExactly("z", "a", "m");
		assertThatUnsupported(() -> span.attributes().put("b", 4));
		assertThatUnsupported(() -> span.events().add(new SpanEvent(1, "e", null)));
	}

	@Test
	void derivesAChangedCopyFromAnotherSpan() {
		Span span = span().kind(SpanKind.SERVER).putAttribute("a", 1).build();

		Span copy = span.toBuilder().kind(SpanKind.CLIENT).build();

		assertThat(copy.kind()).isEqualTo(SpanKind.CLIENT);
		assertThat(copy.toBuilder().kind(SpanKind.SERVER).build()).isEqualTo(span);
	}

	@Test
	void validatesLogEvents() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LogEvent(1, "s", null, null, "m", null, null, null))
			.withMessageContaining("level");
		LogEvent event = new LogEvent(1, "s", "", LogLevel.INFO, "m", "", "00F067AA0BA902B7", null);
		assertThat(event.environment()).isNull();
		assertThat(event.traceId()).isNull();
		assertThat(event.spanId()).isEqualTo("00f067aa0ba902b7");
		assertThat(event.attributes()).isEmpty();
	}

	private static void assertThatUnsupported(Runnable action) {
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(action::run);
	}

}
