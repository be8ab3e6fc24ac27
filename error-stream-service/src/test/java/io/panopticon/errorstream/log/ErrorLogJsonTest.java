package io.panopticon.errorstream.log;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ErrorLogJsonTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * What ingest-service publishes to apm.logs.error for the example of formats.md (see
	 * ErrorLogRecordTest in common for the codec itself).
	 */
	private static final String RECORD = """
			{"id":"LLVf-VWMdryeXCh7-v-MmQ","timestamp":1763712000123456,"serviceName":"orders",\
			"environment":"prod","level":"ERROR","message":"GET /orders/{id} failed",\
			"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"00f067aa0ba902b7",\
			"attributes":{"exception.type":"TimeoutException","retry":2}}""";

	@Test
	void theStreamBodyHasEveryFieldAndAnIsoTimestamp() {
		ErrorLog log = ErrorLogJson.fromRecord(RECORD.getBytes(StandardCharsets.UTF_8));
		assertThat(ErrorLogJson.body(log)).isEqualTo("""
				{"type":"error-log","id":"LLVf-VWMdryeXCh7-v-MmQ","timestamp":"2025-11-21T08:00:00.123456Z",\
				"serviceName":"orders","environment":"prod","level":"ERROR","message":"GET /orders/{id} failed",\
				"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"00f067aa0ba902b7",\
				"attributes":{"exception.type":"TimeoutException","retry":2}}""");
	}

	@Test
	void absentOptionalFieldsAreNullAndAttributesEmpty() {
		ErrorLog log = ErrorLogJson.fromRecord("""
				{"id":"x","timestamp":1000000,"serviceName":"orders","level":"fatal","message":"down"}"""
			.getBytes(StandardCharsets.UTF_8));
		assertThat(ErrorLogJson.body(log)).isEqualTo("""
				{"type":"error-log","id":"x","timestamp":"1970-01-01T00:00:01.000000Z","serviceName":"orders",\
				"environment":null,"level":"FATAL","message":"down","traceId":null,"spanId":null,"attributes":{}}""");
	}

	@Test
	void aDocumentReadsLikeTheRecordItWasIndexedFrom() {
		ErrorLog fromRecord = ErrorLogJson.fromRecord(RECORD.getBytes(StandardCharsets.UTF_8));
		ErrorLog fromDocument = ErrorLogJson.fromDocument("LLVf-VWMdryeXCh7-v-MmQ", JSON.readTree("""
				{"@timestamp":1763712000123,"timestampMicros":1763712000123456,"serviceName":"orders",\
				"environment":"prod","level":"ERROR","message":"GET /orders/{id} failed",\
				"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"00f067aa0ba902b7",\
				"attributes":["exception.type","exception.type=TimeoutException","retry","retry=2"],\
				"attributeMap":{"exception.type":"TimeoutException","retry":2}}"""));
		assertThat(ErrorLogJson.body(fromDocument)).isEqualTo(ErrorLogJson.body(fromRecord));
	}

	@Test
	void recordsThatAreNoErrorLogsAreRefusedWithoutTheirContent() {
		assertThatIllegalArgumentException().isThrownBy(() -> ErrorLogJson.fromRecord(new byte[0]));
		assertThatIllegalArgumentException().isThrownBy(() -> ErrorLogJson.fromRecord("secret{".getBytes()))
			.withMessage("the record is not JSON");
		assertThatIllegalArgumentException().isThrownBy(() -> ErrorLogJson.fromRecord("[1]".getBytes()))
			.withMessage("the record is not a JSON object");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ErrorLogJson
				.fromRecord("{\"timestamp\":1,\"serviceName\":\"a\",\"level\":\"ERROR\",\"message\":\"m\"}".getBytes()))
			.withMessage("id is missing");
		assertThatIllegalArgumentException().isThrownBy(() -> ErrorLogJson
			.fromRecord("{\"id\":\"i\",\"timestamp\":true,\"serviceName\":\"a\",\"level\":\"ERROR\",\"message\":\"m\"}"
				.getBytes()))
			.withMessageStartingWith("timestamp must be epoch microseconds");
	}

	@Test
	void isoTimestampsAcceptedToo() {
		ErrorLog log = ErrorLogJson.fromRecord(
				"{\"id\":\"i\",\"timestamp\":\"2025-11-21T09:00:00.5+01:00\",\"serviceName\":\"a\",\"level\":\"ERROR\",\"message\":\"m\"}"
					.getBytes());
		assertThat(log.timestampMicros()).isEqualTo(1763712000500000L);
	}

	@Test
	void summaryNamesTheCountAndTheEarliestTimestamp() {
		assertThat(ErrorLogJson.suppressed(120, 1763712000123456L))
			.isEqualTo("{\"type\":\"suppressed\",\"count\":120,\"since\":\"2025-11-21T08:00:00.123456Z\"}");
	}

	@Test
	void utf8LengthCountsBytes() {
		for (String text : new String[] { "", "abc", "caf\u00e9", "\u20ac", "\ud83d\ude00x" }) {
			assertThat(ErrorLogJson.utf8Length(text)).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
		}
	}

}
