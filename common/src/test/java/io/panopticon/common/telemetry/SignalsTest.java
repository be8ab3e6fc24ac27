package io.panopticon.common.telemetry;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Signals}.
 */
class SignalsTest {

	@Test
	void serverAndConsumerSpansAreRequests() {
		assertThat(Signals.isRequest(SpanTest.span().kind(SpanKind.SERVER).build())).isTrue();
		assertThat(Signals.isRequest(SpanTest.span().kind(SpanKind.CONSUMER).build())).isTrue();
		assertThat(Signals.isRequest(SpanTest.span().kind(SpanKind.CLIENT).build())).isFalse();
		assertThat(Signals.isRequest(SpanTest.span().kind(SpanKind.PRODUCER).build())).isFalse();
		assertThat(Signals.isRequest(SpanTest.span().build())).isFalse();
	}

	@Test
	void statusErrorIsAnErrorWhateverTheHttpStatus() {
		assertThat(Signals.isError(SpanTest.span().status(StatusCode.ERROR, null).build())).isTrue();
		assertThat(Signals.isError(SpanTest.span().status(StatusCode.ERROR, null).httpStatusCode(200).build()))
			.isTrue();
	}

	@Test
	void unsetStatusIsAnErrorFromHttpStatus500() {
		assertThat(Signals.isError(SpanTest.span().httpStatusCode(500).build())).isTrue();
		assertThat(Signals.isError(SpanTest.span().httpStatusCode(599).build())).isTrue();
		assertThat(Signals.isError(SpanTest.span().httpStatusCode(499).build())).isFalse();
		assertThat(Signals.isError(SpanTest.span().httpStatusCode(404).build())).isFalse();
		assertThat(Signals.isError(SpanTest.span().build())).isFalse();
	}

	@Test
	void statusOkIsNeverAnError() {
		assertThat(Signals.isError(SpanTest.span().status(StatusCode.OK, null).httpStatusCode(503).build())).isFalse();
	}

	@Test
	void errorAndFatalLogsAreErrors() {
		for (LogLevel level : LogLevel.values()) {
			LogEvent event = new LogEvent(1, "s", null, level, "m", null, null, Map.of());
			assertThat(Signals.isError(event)).as(level.name())
				.isEqualTo(level == LogLevel.ERROR || level == LogLevel.FATAL);
		}
	}

}
