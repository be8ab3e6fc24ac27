package io.panopticon.ingest.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.panopticon.common.telemetry.LogEvent;
import io.panopticon.common.telemetry.LogLevel;

import static org.assertj.core.api.Assertions.assertThat;

class LogIngestorTest {

	@Test
	void errorEventIsTheNormalisedLogWithItsIdFirst() {
		LogEvent event = new LogEvent(1763712000123456L, "orders", "prod", LogLevel.ERROR, "payment gateway timeout",
				"4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", Map.of("exception.type", "TimeoutException"));
		String json = new String(LogIngestor.errorEvent(event, "abc123"), StandardCharsets.UTF_8);
		assertThat(json).startsWith("{\"id\":\"abc123\",")
			.contains("\"timestamp\":1763712000123456")
			.contains("\"serviceName\":\"orders\"")
			.contains("\"level\":\"ERROR\"")
			.contains("\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\"")
			.contains("\"exception.type\":\"TimeoutException\"");
	}

}
