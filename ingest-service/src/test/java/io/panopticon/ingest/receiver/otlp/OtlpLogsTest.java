package io.panopticon.ingest.receiver.otlp;

import java.util.Map;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import org.junit.jupiter.api.Test;

import io.panopticon.common.telemetry.LogEvent;
import io.panopticon.common.telemetry.LogLevel;
import io.panopticon.ingest.receiver.Converted;
import io.panopticon.ingest.receiver.Rejection;

import static io.panopticon.ingest.receiver.otlp.OtlpSpansTest.id;
import static io.panopticon.ingest.receiver.otlp.OtlpSpansTest.kv;
import static io.panopticon.ingest.receiver.otlp.OtlpSpansTest.string;
import static org.assertj.core.api.Assertions.assertThat;

class OtlpLogsTest {

	static final long TIME = 1_763_712_000_123_456_789L;

	@Test
	void mapsEveryFieldOfALogRecord() {
		LogRecord record = LogRecord.newBuilder()
			.setTimeUnixNano(TIME)
			.setObservedTimeUnixNano(TIME + 5_000_000)
			.setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_ERROR)
			.setSeverityText("ERROR")
			.setBody(string("payment gateway timeout"))
			.setTraceId(id(OtlpSpansTest.TRACE))
			.setSpanId(id(OtlpSpansTest.SPAN))
			.addAttributes(kv("exception.type", "TimeoutException"))
			.addAttributes(kv("host.name", "overridden-by-the-record"))
			.build();
		Resource resource = Resource.newBuilder()
			.addAttributes(kv("service.name", "orders"))
			.addAttributes(kv("deployment.environment.name", "prod"))
			.addAttributes(kv("host.name", "orders-7f9c"))
			.addAttributes(kv("process.pid", 42))
			.build();

		Converted<LogEvent> converted = OtlpLogs.convert(request(resource, record));

		assertThat(converted.rejections()).isEmpty();
		assertThat(converted.items()).singleElement().satisfies((item) -> {
			assertThat(item.item()).isEqualTo("resourceLogs[0].scopeLogs[0].logRecords[0]");
			assertThat(item.value()).isEqualTo(new LogEvent(1_763_712_000_123_456L, "orders", "prod", LogLevel.ERROR,
					"payment gateway timeout", OtlpSpansTest.TRACE, OtlpSpansTest.SPAN,
					Map.of("host.name", "overridden-by-the-record", "process.pid", 42L, "exception.type",
							"TimeoutException", "otel.scope.name", "org.slf4j")));
			assertThat(item.value().attributes().keySet()).containsExactly("host.name", "process.pid", "exception.type",
					"otel.scope.name");
		});
	}

	@Test
	void severityNumbersMapInBandsOfFour() {
		assertThat(OtlpLogs.level(1, "")).isEqualTo(LogLevel.TRACE);
		assertThat(OtlpLogs.level(4, "")).isEqualTo(LogLevel.TRACE);
		assertThat(OtlpLogs.level(5, "")).isEqualTo(LogLevel.DEBUG);
		assertThat(OtlpLogs.level(9, "")).isEqualTo(LogLevel.INFO);
		assertThat(OtlpLogs.level(12, "")).isEqualTo(LogLevel.INFO);
		assertThat(OtlpLogs.level(13, "")).isEqualTo(LogLevel.WARN);
		assertThat(OtlpLogs.level(17, "")).isEqualTo(LogLevel.ERROR);
		assertThat(OtlpLogs.level(20, "")).isEqualTo(LogLevel.ERROR);
		assertThat(OtlpLogs.level(21, "")).isEqualTo(LogLevel.FATAL);
		assertThat(OtlpLogs.level(24, "")).isEqualTo(LogLevel.FATAL);
		// The number wins over the text.
		assertThat(OtlpLogs.level(9, "ERROR")).isEqualTo(LogLevel.INFO);
	}

	@Test
	void withoutASeverityNumberTheTextDecidesAndNothingMeansInfo() {
		assertThat(OtlpLogs.level(0, "warning")).isEqualTo(LogLevel.WARN);
		assertThat(OtlpLogs.level(0, "Error")).isEqualTo(LogLevel.ERROR);
		assertThat(OtlpLogs.level(0, "CRITICAL")).isEqualTo(LogLevel.FATAL);
		assertThat(OtlpLogs.level(0, "debug")).isEqualTo(LogLevel.DEBUG);
		assertThat(OtlpLogs.level(0, "trace")).isEqualTo(LogLevel.TRACE);
		assertThat(OtlpLogs.level(0, "")).isEqualTo(LogLevel.INFO);
		assertThat(OtlpLogs.level(99, "notice")).isEqualTo(LogLevel.INFO);
	}

	@Test
	void aStructuredBodyBecomesJsonAndAMissingBodyTheEventName() {
		LogRecord structured = base()
			.setBody(AnyValue.newBuilder()
				.setKvlistValue(KeyValueList.newBuilder().addValues(kv("order", 42)).addValues(kv("paid", true))))
			.build();
		LogRecord event = base().setEventName("session.start").build();
		LogRecord observedOnly = base().setTimeUnixNano(0).setObservedTimeUnixNano(TIME).setBody(string("x")).build();

		assertThat(OtlpLogs.message(structured)).isEqualTo("{\"order\":42,\"paid\":true}");
		assertThat(OtlpLogs.message(event)).isEqualTo("session.start");
		assertThat(OtlpLogs.convert(request(Resource.getDefaultInstance(), observedOnly)).items().get(0).value())
			.satisfies((e) -> {
				assertThat(e.timestampMicros()).isEqualTo(1_763_712_000_123_456L);
				assertThat(e.serviceName()).isEqualTo("unknown_service");
				assertThat(e.level()).isEqualTo(LogLevel.INFO);
				assertThat(e.traceId()).isNull();
			});
	}

	@Test
	void rejectsRecordsWithoutTimeOrMessageOrWithBadIds() {
		LogRecord noTime = base().setTimeUnixNano(0).setBody(string("x")).build();
		LogRecord noBody = base().build();
		LogRecord badTrace = base().setBody(string("x")).setTraceId(id("0102")).build();
		ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder()
			.addResourceLogs(ResourceLogs.newBuilder()
				.addScopeLogs(
						ScopeLogs.newBuilder().addLogRecords(noTime).addLogRecords(noBody).addLogRecords(badTrace)))
			.build();

		String prefix = "resourceLogs[0].scopeLogs[0].logRecords[";
		assertThat(OtlpLogs.convert(request).rejections()).containsExactly(
				new Rejection(prefix + "0]", "timeUnixNano is required"),
				new Rejection(prefix + "1]", "body is required (a record without body needs an eventName)"),
				new Rejection(prefix + "2]", "traceId must be 16 or 32 hexadecimal digits, not all zeros: 0102"));
	}

	private static LogRecord.Builder base() {
		return LogRecord.newBuilder().setTimeUnixNano(TIME);
	}

	private static ExportLogsServiceRequest request(Resource resource, LogRecord record) {
		return ExportLogsServiceRequest.newBuilder()
			.addResourceLogs(ResourceLogs.newBuilder()
				.setResource(resource)
				.addScopeLogs(ScopeLogs.newBuilder()
					.setScope(InstrumentationScope.newBuilder().setName("org.slf4j"))
					.addLogRecords(record)))
			.build();
	}

}
