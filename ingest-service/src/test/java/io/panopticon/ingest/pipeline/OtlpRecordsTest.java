package io.panopticon.ingest.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import io.panopticon.common.telemetry.Decoded;
import io.panopticon.common.telemetry.LogEvent;
import io.panopticon.common.telemetry.Span;
import io.panopticon.common.telemetry.TelemetryJson;
import io.panopticon.ingest.OtlpKafkaProperties.Encoding;
import io.panopticon.ingest.receiver.otlp.OtlpJson;
import io.panopticon.ingest.receiver.otlp.OtlpSpans;

import static org.assertj.core.api.Assertions.assertThat;

class OtlpRecordsTest {

	private static final long NOW = System.currentTimeMillis() * 1_000_000;

	@Test
	void convertsEveryItemAsTheReceiversDoThenListsTheRejectedOnes() throws Exception {
		ExportTraceServiceRequest request = traces(span("a", "GET /a"), span("b", ""), span("c", "GET /c"));

		List<Decoded<Span>> decoded = OtlpRecords.spans(record(request.toByteArray()), Encoding.OTLP_PROTO);

		assertThat(decoded).hasSize(3);
		assertThat(decoded).extracting(Decoded::index).containsExactly(0, 1, 2);
		List<Span> converted = OtlpSpans.convert(request).items().stream().map((item) -> item.value()).toList();
		assertThat(decoded.subList(0, 2)).extracting(Decoded::value).containsExactlyElementsOf(converted);
		assertThat(decoded.get(0).json()).isEqualTo(TelemetryJson.encode(converted.get(0)));
		Decoded<Span> rejected = decoded.get(2);
		assertThat(rejected.isValid()).isFalse();
		assertThat(rejected.fields()).isEqualTo("resourceSpans[0].scopeSpans[0].spans[1]");
		assertThat(rejected.reason()).isEqualTo("resourceSpans[0].scopeSpans[0].spans[1]: name must not be blank");
		// The dead letter: that one span with its resource and scope, in the record's
		// encoding.
		ExportTraceServiceRequest alone = ExportTraceServiceRequest.parseFrom(rejected.json());
		assertThat(alone.getResourceSpans(0).getResource()).isEqualTo(request.getResourceSpans(0).getResource());
		assertThat(alone.getResourceSpans(0).getScopeSpans(0).getSpansList())
			.containsExactly(request.getResourceSpans(0).getScopeSpans(0).getSpans(1));
	}

	@Test
	void writesOtlpJsonWithHexIdsAsTheExporterDoes() {
		ExportTraceServiceRequest request = traces(span("a", "GET /a"));

		byte[] json = OtlpRecords.write(request, Encoding.OTLP_JSON);

		assertThat(new String(json, StandardCharsets.UTF_8))
			.contains("\"traceId\":\"00000000000000000000000000000001\"", "\"spanId\":\"0000000000000061\"");
		assertThat(OtlpJson.traces(json)).isEqualTo(request);
		assertThat(OtlpRecords.write(request, Encoding.OTLP_PROTO)).isEqualTo(request.toByteArray());
	}

	@Test
	void theContentTypeHeaderWinsOverTheTopicsEncoding() {
		ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder()
			.addResourceLogs(ResourceLogs.newBuilder()
				.setResource(resource())
				.addScopeLogs(ScopeLogs.newBuilder()
					.addLogRecords(LogRecord.newBuilder()
						.setTimeUnixNano(NOW)
						.setSeverityNumberValue(17)
						.setBody(AnyValue.newBuilder().setStringValue("failed")))))
			.build();
		ConsumerRecord<byte[], byte[]> protobuf = record(request.toByteArray());
		protobuf.headers().add("Content-Type", "application/x-protobuf".getBytes(StandardCharsets.UTF_8));

		List<Decoded<LogEvent>> decoded = OtlpRecords.logs(protobuf, Encoding.OTLP_JSON);

		assertThat(decoded).singleElement().satisfies((event) -> {
			assertThat(event.value().message()).isEqualTo("failed");
			assertThat(event.value().serviceName()).isEqualTo("checkout");
		});
		assertThat(OtlpRecords.encodingOf(new RecordHeaders(), Encoding.OTLP_JSON)).isEqualTo(Encoding.OTLP_JSON);
		RecordHeaders json = new RecordHeaders();
		json.add("content-type", "application/json; charset=utf-8".getBytes(StandardCharsets.UTF_8));
		assertThat(OtlpRecords.encodingOf(json, Encoding.OTLP_PROTO)).isEqualTo(Encoding.OTLP_JSON);
	}

	@Test
	void aRecordThatDoesNotParseIsOneOutcomeWithTheRawValueAndTheReason() {
		byte[] garbage = { (byte) 0xff, 0x01, 0x02 };
		assertThat(OtlpRecords.spans(record(garbage), Encoding.OTLP_PROTO)).singleElement().satisfies((outcome) -> {
			assertThat(outcome.fields()).isEqualTo("$");
			assertThat(outcome.reason()).startsWith("$: is not a valid OTLP protobuf export request");
			assertThat(outcome.json()).isSameAs(garbage);
		});
		assertThat(OtlpRecords.logs(record("{\"resourceLogs\":[".getBytes(StandardCharsets.UTF_8)), Encoding.OTLP_JSON))
			.singleElement()
			.satisfies((outcome) -> assertThat(outcome.reason()).startsWith("$: is not valid JSON"));
		ConsumerRecord<byte[], byte[]> text = record(traces(span("a", "GET /a")).toByteArray());
		text.headers().add("content-type", "text/plain".getBytes(StandardCharsets.UTF_8));
		assertThat(OtlpRecords.spans(text, Encoding.OTLP_PROTO)).singleElement()
			.satisfies((outcome) -> assertThat(outcome.reason())
				.isEqualTo("content-type: the record's content-type 'text/plain' is not OTLP; "
						+ "application/x-protobuf or application/json are"));
	}

	@Test
	void itemLocationsGiveTheirIndices() {
		assertThat(OtlpRecords.indices("resourceLogs[2].scopeLogs[10].logRecords[7]")).containsExactly(2, 10, 7);
	}

	private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
		return new ConsumerRecord<>("otlp_spans", 0, 42, 0L, TimestampType.CREATE_TIME, 0, value.length, null, value,
				new RecordHeaders(), Optional.empty());
	}

	private static ExportTraceServiceRequest traces(io.opentelemetry.proto.trace.v1.Span... spans) {
		return ExportTraceServiceRequest.newBuilder()
			.addResourceSpans(ResourceSpans.newBuilder()
				.setResource(resource())
				.addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans))))
			.build();
	}

	private static Resource resource() {
		return Resource.newBuilder()
			.addAttributes(KeyValue.newBuilder()
				.setKey("service.name")
				.setValue(AnyValue.newBuilder().setStringValue("checkout")))
			.build();
	}

	private static io.opentelemetry.proto.trace.v1.Span span(String id, String name) {
		byte[] spanId = new byte[8];
		spanId[7] = (byte) id.charAt(0);
		byte[] traceId = new byte[16];
		traceId[15] = 1;
		return io.opentelemetry.proto.trace.v1.Span.newBuilder()
			.setTraceId(ByteString.copyFrom(traceId))
			.setSpanId(ByteString.copyFrom(spanId))
			.setName(name)
			.setStartTimeUnixNano(NOW)
			.setEndTimeUnixNano(NOW + 1_000)
			.build();
	}

}
