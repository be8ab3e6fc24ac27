package io.panopticon.storage;

import io.panopticon.testing.JsonText;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.panopticon.common.telemetry.Decoded;
import io.panopticon.common.telemetry.LogEvent;
import io.panopticon.common.telemetry.TelemetryJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogDocumentsTest {

	static LogEvent decode(String json) {
		List<Decoded<LogEvent>> decoded = TelemetryJson.decodeLogs(json.getBytes(StandardCharsets.UTF_8));
		assertThat(decoded).hasSize(1);
		assertThat(decoded.get(0).errors()).isEmpty();
		return decoded.get(0).value();
	}

	@Test
	void writesEveryFieldOfTheDocumentedExampleLog() {
		LogEvent event = decode("""
				{"timestamp": 1763712000123456, "serviceName": "orders", "environment": "prod",
				 "level": "ERROR", "message": "payment gateway timeout", "traceId": "4bf92f3577b34da6a3ce929d0e0e4736",
				 "spanId": "00f067aa0ba902b7", "attributes": {"exception.type": "TimeoutException"}}
				""");

		byte[] document = LogDocuments.log(event);

		assertThat(JsonText.utf8(document)).isEqualTo(JsonText.compact("""
				{"@timestamp": 1763712000123, "timestampMicros": 1763712000123456,
				 "serviceName": "orders", "environment": "prod", "level": "ERROR",
				 "message": "payment gateway timeout", "traceId": "4bf92f3577b34da6a3ce929d0e0e4736",
				 "spanId": "00f067aa0ba902b7",
				 "attributes": ["exception.type", "exception.type=TimeoutException"],
				 "attributeMap": {"exception.type": "TimeoutException"}}
				"""));
	}

	@Test
	void leavesAbsentOptionalFieldsOut() {
		LogEvent event = decode("""
				{"timestamp": "2025-11-21T08:00:00Z", "serviceName": "orders", "level": "info", "message": "started"}
				""");

		byte[] document = LogDocuments.log(event);

		assertThat(JsonText.utf8(document)).isEqualTo(JsonText.compact("""
				{"@timestamp": 1763712000000, "timestampMicros": 1763712000000000,
				 "serviceName": "orders", "level": "INFO", "message": "started"}
				"""));
	}

	@Test
	void indexIsTheDayOfTheTimestamp() {
		LogEvent event = decode(
				"""
						{"timestamp": "2025-11-21T23:59:59.999999Z", "serviceName": "orders", "level": "info", "message": "late"}
						""");

		assertThat(LogDocuments.indexOf(event)).isEqualTo("logs-apm-2025.11.21");
	}

}
