package io.panopticon.common.telemetry;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ErrorLogRecord}, the {@code apm.logs.error} contract.
 */
class ErrorLogRecordTest {

	private static final LogEvent EVENT = new LogEvent(1763712000123456L, "orders", "prod", LogLevel.ERROR,
			"GET /orders/{id} failed", "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
			Map.of("exception.type", "TimeoutException"));

	@Test
	void encodesTheNormalisedLogWithItsIdFirst() {
		assertThat(text(new ErrorLogRecord("LLVf-VWMdryeXCh7-v-MmQ", EVENT).encode())).isEqualTo("""
				{"id":"LLVf-VWMdryeXCh7-v-MmQ","timestamp":1763712000123456,"serviceName":"orders",\
				"environment":"prod","level":"ERROR","message":"GET /orders/{id} failed",\
				"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"00f067aa0ba902b7",\
				"attributes":{"exception.type":"TimeoutException"}}""");
	}

	@Test
	void leavesAbsentOptionalFieldsOut() {
		LogEvent event = new LogEvent(1_000_000L, "orders", null, LogLevel.FATAL, "down", null, null, Map.of());
		assertThat(text(new ErrorLogRecord("x", event).encode()))
			.isEqualTo("{\"id\":\"x\",\"timestamp\":1000000,\"serviceName\":\"orders\",\"level\":\"FATAL\","
					+ "\"message\":\"down\"}");
	}

	@Test
	void roundTripsEveryKindOfAttribute() {
		ErrorLogRecord record = new ErrorLogRecord("abc123", withAttributes(richAttributes()));
		assertThat(ErrorLogRecord.decode(record.encode())).isEqualTo(record);
	}

	/**
	 * The bytes are those ingest-service wrote before the codec existed: the id, then the
	 * members of {@link TelemetryJson#toJson(LogEvent)}, through a default mapper.
	 */
	@Test
	void writesTheBytesOfTheFormerTreeEncoding() {
		JsonMapper mapper = JsonMapper.builder().build();
		for (LogEvent event : List.of(EVENT, withAttributes(richAttributes()))) {
			ObjectNode former = mapper.createObjectNode().put("id", "abc123");
			former.setAll(TelemetryJson.toJson(event));
			assertThat(text(new ErrorLogRecord("abc123", event).encode()))
				.isEqualTo(text(mapper.writeValueAsBytes(former)));
		}
	}

	@Test
	void readsTheRulesOfTheLogFormat() {
		ErrorLogRecord record = ErrorLogRecord.decode(bytes(
				"{\"id\":\"i\",\"timestamp\":\"2025-11-21T09:00:00.5+01:00\",\"serviceName\":\"a\",\"environment\":\"\","
						+ "\"level\":\"fatal\",\"message\":\"m\",\"traceId\":\"4BF92F3577B34DA6A3CE929D0E0E4736\"}"));
		assertThat(record.id()).isEqualTo("i");
		assertThat(record.event().timestampMicros()).isEqualTo(1763712000500000L);
		assertThat(record.event().environment()).isNull();
		assertThat(record.event().level()).isEqualTo(LogLevel.FATAL);
		assertThat(record.event().traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
	}

	@Test
	void refusesWhatIsNoErrorLogRecordWithoutRepeatingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> ErrorLogRecord.decode(new byte[0]))
			.withMessage("the record is empty");
		assertThatIllegalArgumentException().isThrownBy(() -> ErrorLogRecord.decode(bytes("secret{")))
			.withMessage("the record is not JSON");
		assertThatIllegalArgumentException().isThrownBy(() -> ErrorLogRecord.decode(bytes("[1]")))
			.withMessage("the record is not a JSON object");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ErrorLogRecord
				.decode(bytes("{\"timestamp\":1,\"serviceName\":\"a\",\"level\":\"ERROR\",\"message\":\"m\"}")))
			.withMessage("id is missing");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ErrorLogRecord.decode(bytes(
					"{\"id\":\"i\",\"timestamp\":true,\"serviceName\":\"a\",\"level\":\"secret\",\"message\":\"m\"}")))
			.withMessageStartingWith("timestamp must be epoch microseconds")
			.withMessageContaining("level must be one of")
			.withMessageNotContaining("secret");
	}

	private static Map<String, Object> richAttributes() {
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("exception.type", "TimeoutException");
		attributes.put("retry", 2L);
		attributes.put("ratio", 0.25);
		attributes.put("huge", new BigInteger("123456789012345678901234567890"));
		attributes.put("sampled", true);
		attributes.put("path", "/orders/ünïcode \"quoted\"");
		attributes.put("tags", List.of("a", 1L));
		attributes.put("http", Map.of("status", 503L));
		return attributes;
	}

	private static LogEvent withAttributes(Map<String, Object> attributes) {
		return new LogEvent(EVENT.timestampMicros(), EVENT.serviceName(), EVENT.environment(), EVENT.level(),
				EVENT.message(), EVENT.traceId(), EVENT.spanId(), attributes);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
