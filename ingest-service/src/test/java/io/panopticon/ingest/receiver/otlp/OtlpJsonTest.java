package io.panopticon.ingest.receiver.otlp;

import java.nio.charset.StandardCharsets;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.Test;

import io.panopticon.common.telemetry.Span;
import io.panopticon.common.web.InvalidParameterException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OtlpJsonTest {

	@Test
	void readsHexIdsEnumNumbersAndInt64Strings() {
		String json = """
				{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"web"}}]},
				 "scopeSpans":[{"scope":{"name":"js"},"spans":[{
				  "traceId":"4BF92F3577B34DA6A3CE929D0E0E4736","spanId":"00f067aa0ba902b7","parentSpanId":"",
				  "name":"GET /","kind":2,"startTimeUnixNano":"1763712000123456789","endTimeUnixNano":1763712000128777789,
				  "attributes":[{"key":"http.response.status_code","value":{"intValue":"200"}}],
				  "status":{"code":"STATUS_CODE_OK"},
				  "links":[{"traceId":"5b8aa5a2d2c872e8321cf37308d69df2","spanId":"051581bf3cb55c13"}],
				  "unknownField":{"ignored":true}}]}]}]}
				""";

		ExportTraceServiceRequest request = OtlpJson.traces(bytes(json));
		Span span = OtlpSpans.convert(request).items().get(0).value();

		assertThat(request.getResourceSpans(0).getScopeSpans(0).getSpans(0).getKind())
			.isEqualTo(SpanKind.SPAN_KIND_SERVER);
		assertThat(span.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(span.spanId()).isEqualTo("00f067aa0ba902b7");
		assertThat(span.parentSpanId()).isNull();
		assertThat(span.startTimeMicros()).isEqualTo(1_763_712_000_123_456L);
		assertThat(span.durationMicros()).isEqualTo(5_321L);
		assertThat(span.httpStatusCode()).isEqualTo(200);
		assertThat(span.status().code()).isEqualTo(io.panopticon.common.telemetry.StatusCode.OK);
		assertThat(span.links().get(0).traceId()).isEqualTo("5b8aa5a2d2c872e8321cf37308d69df2");
		assertThat(span.serviceName()).isEqualTo("web");
	}

	@Test
	void readsProtoFieldNamesToo() {
		String json = """
				{"resource_logs":[{"scope_logs":[{"log_records":[{"time_unix_nano":"1763712000123456789",
				 "severity_number":"SEVERITY_NUMBER_WARN","body":{"string_value":"disk low"},
				 "trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7"}]}]}]}
				""";

		ExportLogsServiceRequest request = OtlpJson.logs(bytes(json));
		var event = OtlpLogs.convert(request).items().get(0).value();

		assertThat(event.message()).isEqualTo("disk low");
		assertThat(event.level()).isEqualTo(io.panopticon.common.telemetry.LogLevel.WARN);
		assertThat(event.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(event.spanId()).isEqualTo("00f067aa0ba902b7");
	}

	@Test
	void refusesBase64IdsNamingWhere() {
		String json = """
				{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"S/kvNXezTaajzpKdDg5HNg==","spanId":"APBnqguQK7c="}]}]}]}
				""";
		assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> OtlpJson.traces(bytes(json)))
			.satisfies((ex) -> {
				assertThat(ex.getParameter()).isEqualTo("resourceSpans[0].scopeSpans[0].spans[0].traceId");
				assertThat(ex.getMessage()).startsWith("must be hexadecimal digits");
			});
	}

	@Test
	void refusesWhatIsNotOtlpJson() {
		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> OtlpJson.traces(bytes("{\"resourceSpans\":")))
			.satisfies((ex) -> assertThat(ex.getMessage()).startsWith("is not valid JSON"));
		assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> OtlpJson.traces(bytes("[1,2]")))
			.withMessage("must be a JSON object (an OTLP export request)");
		assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(
				() -> OtlpJson.traces(bytes("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"kind\":[]}]}]}]}")))
			.satisfies((ex) -> {
				assertThat(ex.getParameter()).isEqualTo("$");
				assertThat(ex.getMessage()).startsWith("is not an OTLP/JSON export request");
			});
	}

	@Test
	void refusesTimesThatAreNotDecimalDigitsNamingWhere() {
		// Protobuf's parser would spend minutes turning 1e74000010 into a BigInteger.
		for (String time : new String[] { "\"soon\"", "\"1796425781e74000010\"", "1.5e300", "\"-1\"" }) {
			String json = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"name\":\"a\"},{\"name\":\"b\","
					+ "\"events\":[{\"timeUnixNano\":" + time + "}]}]}]}]}";
			assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> OtlpJson.traces(bytes(json)))
				.satisfies((ex) -> {
					assertThat(ex.getParameter())
						.isEqualTo("resourceSpans[0].scopeSpans[0].spans[1].events[0].timeUnixNano");
					assertThat(ex.getMessage()).startsWith("must be nanoseconds since the epoch in decimal digits");
				});
		}
		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> OtlpJson.logs(bytes("{\"resource_logs\":[{\"scope_logs\":[{\"log_records\":["
					+ "{\"observed_time_unix_nano\":\"1e9\"}]}]}]}")))
			.satisfies((ex) -> assertThat(ex.getParameter())
				.isEqualTo("resource_logs[0].scope_logs[0].log_records[0].observed_time_unix_nano"));
	}

	@Test
	void writesResponsesWithInt64AsStrings() {
		ExportTraceServiceResponse response = ExportTraceServiceResponse.newBuilder()
			.setPartialSuccess(ExportTracePartialSuccess.newBuilder().setRejectedSpans(2).setErrorMessage("why"))
			.build();
		assertThat(new String(OtlpJson.write(response), StandardCharsets.UTF_8))
			.isEqualTo("{\"partialSuccess\":{\"rejectedSpans\":\"2\",\"errorMessage\":\"why\"}}");
		assertThat(new String(OtlpJson.write(ExportTraceServiceResponse.getDefaultInstance()), StandardCharsets.UTF_8))
			.isEqualTo("{}");
	}

	private static byte[] bytes(String json) {
		return json.getBytes(StandardCharsets.UTF_8);
	}

}
