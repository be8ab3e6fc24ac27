package io.panopticon.ingest.receiver.otlp;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status;
import org.junit.jupiter.api.Test;

import io.panopticon.common.telemetry.FieldError;
import io.panopticon.common.telemetry.Span;
import io.panopticon.common.telemetry.SpanEvent;
import io.panopticon.common.telemetry.SpanLink;
import io.panopticon.common.telemetry.StatusCode;
import io.panopticon.common.telemetry.TimeWindow;
import io.panopticon.ingest.receiver.Converted;
import io.panopticon.ingest.receiver.Rejection;

import static org.assertj.core.api.Assertions.assertThat;

class OtlpSpansTest {

	static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

	static final String SPAN = "00f067aa0ba902b7";

	static final String PARENT = "a3ce929d0e0e4736";

	static final long START = 1_763_712_000_123_456_789L;

	@Test
	void mapsEveryFieldOfAServerSpanWithCurrentConventions() {
		var span = span(SpanKind.SPAN_KIND_SERVER).setParentSpanId(id(PARENT))
			.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("timeout"))
			.addAttributes(kv("http.request.method", "GET"))
			.addAttributes(kv("http.route", "/orders/{id}"))
			.addAttributes(kv("http.response.status_code", 504))
			.addAttributes(kv("url.path", "/orders/42"))
			.addAttributes(KeyValue.newBuilder()
				.setKey("tags")
				.setValue(AnyValue.newBuilder()
					.setArrayValue(ArrayValue.newBuilder()
						.addValues(string("a"))
						.addValues(AnyValue.newBuilder().setIntValue(2)))))
			.addAttributes(KeyValue.newBuilder()
				.setKey("nested")
				.setValue(AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder().addValues(kv("ok", true)))))
			.addAttributes(KeyValue.newBuilder().setKey("ratio").setValue(AnyValue.newBuilder().setDoubleValue(0.5)))
			.addAttributes(KeyValue.newBuilder()
				.setKey("blob")
				.setValue(AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] { 1, 2, 3 }))))
			.addEvents(io.opentelemetry.proto.trace.v1.Span.Event.newBuilder()
				.setTimeUnixNano(START + 1_000_000)
				.setName("exception")
				.addAttributes(kv("exception.type", "TimeoutException"))
				.addAttributes(kv("exception.message", "read timed out")))
			.addLinks(io.opentelemetry.proto.trace.v1.Span.Link.newBuilder()
				.setTraceId(id("5b8aa5a2d2c872e8321cf37308d69df2"))
				.setSpanId(id("051581bf3cb55c13"))
				.addAttributes(kv("reason", "batch")));
		Resource resource = Resource.newBuilder()
			.addAttributes(kv("service.name", "orders"))
			.addAttributes(kv("deployment.environment.name", "prod"))
			.addAttributes(kv("host.name", "orders-7f9c"))
			.build();

		Converted<Span> converted = OtlpSpans.convert(request(resource, span.build()));

		assertThat(converted.rejections()).isEmpty();
		Span expected = Span.builder()
			.traceId(TRACE)
			.spanId(SPAN)
			.parentSpanId(PARENT)
			.name("GET /orders/{id}")
			.kind(io.panopticon.common.telemetry.SpanKind.SERVER)
			.serviceName("orders")
			.environment("prod")
			.startTimeMicros(1_763_712_000_123_456L)
			.durationMicros(5_321L)
			.status(StatusCode.ERROR, "timeout")
			.httpMethod("GET")
			.httpRoute("/orders/{id}")
			.httpStatusCode(504)
			.attributes(Map.of())
			.putAttribute("http.request.method", "GET")
			.putAttribute("http.route", "/orders/{id}")
			.putAttribute("http.response.status_code", 504L)
			.putAttribute("url.path", "/orders/42")
			.putAttribute("tags", List.of("a", 2L))
			.putAttribute("nested", Map.of("ok", true))
			.putAttribute("ratio", 0.5)
			.putAttribute("blob", "AQID")
			.putAttribute("otel.scope.name", "io.opentelemetry.tomcat")
			.putAttribute("otel.scope.version", "2.1.0")
			.addEvent(new SpanEvent(1_763_712_000_124_456L, "exception",
					Map.of("exception.type", "TimeoutException", "exception.message", "read timed out")))
			.addLink(new SpanLink("5b8aa5a2d2c872e8321cf37308d69df2", "051581bf3cb55c13", Map.of("reason", "batch")))
			.putResource("service.name", "orders")
			.putResource("deployment.environment.name", "prod")
			.putResource("host.name", "orders-7f9c")
			.build();
		assertThat(converted.items()).singleElement().satisfies((item) -> {
			assertThat(item.item()).isEqualTo("resourceSpans[0].scopeSpans[0].spans[0]");
			assertThat(item.value()).isEqualTo(expected);
		});
	}

	@Test
	void readsOlderConventionNames() {
		var span = span(SpanKind.SPAN_KIND_SERVER).addAttributes(kv("http.method", "POST"))
			.addAttributes(kv("http.status_code", "201"))
			.addAttributes(kv("http.target", "/orders"));
		Resource resource = Resource.newBuilder()
			.addAttributes(kv("service.name", "orders"))
			.addAttributes(kv("deployment.environment", "staging"))
			.build();

		Span mapped = OtlpSpans.convert(request(resource, span.build())).items().get(0).value();

		assertThat(mapped.httpMethod()).isEqualTo("POST");
		assertThat(mapped.httpStatusCode()).isEqualTo(201);
		assertThat(mapped.httpRoute()).isNull();
		assertThat(mapped.environment()).isEqualTo("staging");
		assertThat(mapped.status().code()).isEqualTo(StatusCode.UNSET);
	}

	@Test
	void newEnvironmentNameWinsOverTheOlderOne() {
		Resource resource = Resource.newBuilder()
			.addAttributes(kv("deployment.environment", "old"))
			.addAttributes(kv("deployment.environment.name", "new"))
			.build();
		Span mapped = OtlpSpans.convert(request(resource, span(SpanKind.SPAN_KIND_SERVER).build()))
			.items()
			.get(0)
			.value();
		assertThat(mapped.environment()).isEqualTo("new");
		assertThat(mapped.serviceName()).isEqualTo("unknown_service");
	}

	@Test
	void mapsEverySpanKind() {
		assertThat(OtlpSpans.kind(SpanKind.SPAN_KIND_SERVER)).isEqualTo(io.panopticon.common.telemetry.SpanKind.SERVER);
		assertThat(OtlpSpans.kind(SpanKind.SPAN_KIND_CLIENT)).isEqualTo(io.panopticon.common.telemetry.SpanKind.CLIENT);
		assertThat(OtlpSpans.kind(SpanKind.SPAN_KIND_PRODUCER))
			.isEqualTo(io.panopticon.common.telemetry.SpanKind.PRODUCER);
		assertThat(OtlpSpans.kind(SpanKind.SPAN_KIND_CONSUMER))
			.isEqualTo(io.panopticon.common.telemetry.SpanKind.CONSUMER);
		assertThat(OtlpSpans.kind(SpanKind.SPAN_KIND_INTERNAL))
			.isEqualTo(io.panopticon.common.telemetry.SpanKind.INTERNAL);
		assertThat(OtlpSpans.kind(SpanKind.SPAN_KIND_UNSPECIFIED))
			.isEqualTo(io.panopticon.common.telemetry.SpanKind.INTERNAL);
		assertThat(OtlpSpans.kind(SpanKind.UNRECOGNIZED)).isEqualTo(io.panopticon.common.telemetry.SpanKind.INTERNAL);
	}

	@Test
	void peerOfAClientSpanComesFromPeerServiceThenDatabaseThenServerAddress() {
		assertThat(peer(SpanKind.SPAN_KIND_CLIENT, kv("peer.service", "payments"), kv("db.system", "postgresql"),
				kv("server.address", "db-1")))
			.isEqualTo("payments");
		assertThat(peer(SpanKind.SPAN_KIND_CLIENT, kv("db.system", "postgresql"), kv("server.address", "db-1")))
			.isEqualTo("postgresql");
		assertThat(peer(SpanKind.SPAN_KIND_CLIENT, kv("server.address", "api.stripe.com"))).isEqualTo("api.stripe.com");
		assertThat(peer(SpanKind.SPAN_KIND_PRODUCER, kv("messaging.system", "kafka"))).isEqualTo("kafka");
		assertThat(peer(SpanKind.SPAN_KIND_CLIENT, kv("net.peer.name", "legacy-host"))).isEqualTo("legacy-host");
		// A server span's server.address names its own host.
		assertThat(peer(SpanKind.SPAN_KIND_SERVER, kv("server.address", "orders.example.com"))).isNull();
		assertThat(peer(SpanKind.SPAN_KIND_SERVER, kv("peer.service", "gateway"))).isEqualTo("gateway");
	}

	@Test
	void rejectsSpansThatBreakTheModelsRulesAndKeepsTheOthers() {
		var valid = span(SpanKind.SPAN_KIND_SERVER).build();
		var noTrace = span(SpanKind.SPAN_KIND_SERVER).clearTraceId().build();
		var zeroTrace = span(SpanKind.SPAN_KIND_SERVER).setTraceId(ByteString.copyFrom(new byte[16])).build();
		var shortSpanId = span(SpanKind.SPAN_KIND_SERVER).setSpanId(ByteString.copyFrom(new byte[] { 1, 2 })).build();
		var backwards = span(SpanKind.SPAN_KIND_SERVER).setEndTimeUnixNano(START - 1_000).build();
		var noStart = span(SpanKind.SPAN_KIND_SERVER).setStartTimeUnixNano(0).build();
		var noName = span(SpanKind.SPAN_KIND_SERVER).setName("").build();
		var badStatus = span(SpanKind.SPAN_KIND_SERVER).addAttributes(kv("http.response.status_code", 1000)).build();
		var badLink = span(SpanKind.SPAN_KIND_SERVER)
			.addLinks(io.opentelemetry.proto.trace.v1.Span.Link.newBuilder().setTraceId(id(TRACE)))
			.build();
		Resource resource = Resource.newBuilder().addAttributes(kv("service.name", "orders")).build();
		ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
			.addResourceSpans(ResourceSpans.newBuilder()
				.setResource(resource)
				.addScopeSpans(ScopeSpans.newBuilder()
					.addAllSpans(List.of(valid, noTrace, zeroTrace, shortSpanId, backwards, noStart, noName, badStatus,
							badLink))))
			.build();

		Converted<Span> converted = OtlpSpans.convert(request);

		assertThat(converted.items()).hasSize(1);
		assertThat(converted.total()).isEqualTo(9);
		String prefix = "resourceSpans[0].scopeSpans[0].spans[";
		assertThat(converted.rejections()).containsExactly(new Rejection(prefix + "1]", "traceId is required"),
				new Rejection(prefix + "2]",
						"traceId must be 16 or 32 hexadecimal digits, not all zeros: 00000000000000000000000000000000"),
				new Rejection(prefix + "3]", "spanId must be 16 hexadecimal digits, not all zeros: 0102"),
				new Rejection(prefix + "4]", "endTimeUnixNano must not be before startTimeUnixNano"),
				new Rejection(prefix + "5]", "startTimeUnixNano is required"),
				new Rejection(prefix + "6]", "name must not be blank"),
				new Rejection(prefix + "7]", "http.response.status_code must be between 100 and 599: 1000"),
				new Rejection(prefix + "8]", "links[0].spanId is required"));
	}

	private static String peer(SpanKind kind, KeyValue... attributes) {
		var span = span(kind);
		for (KeyValue attribute : attributes) {
			span.addAttributes(attribute);
		}
		return OtlpSpans.convert(request(Resource.getDefaultInstance(), span.build()))
			.items()
			.get(0)
			.value()
			.peerService();
	}

	@Test
	void aSpanUntil2262ConvertsAndTheTimeWindowRefusesItsDuration() {
		// OTLP times end in 2262, so an absurd duration converts; Intake's window refuses
		// it.
		io.opentelemetry.proto.trace.v1.Span span = span(SpanKind.SPAN_KIND_SERVER).setEndTimeUnixNano(Long.MAX_VALUE)
			.build();

		Span converted = OtlpSpans.convert(request(Resource.getDefaultInstance(), span)).items().get(0).value();

		assertThat(converted.endTimeMicros()).isEqualTo(Long.MAX_VALUE / 1000);
		assertThat(TimeWindow.of(Duration.ofDays(7)).check(converted, Instant.ofEpochSecond(0, START)))
			.map(FieldError::field)
			.contains("durationMicros");
	}

	static io.opentelemetry.proto.trace.v1.Span.Builder span(SpanKind kind) {
		return io.opentelemetry.proto.trace.v1.Span.newBuilder()
			.setTraceId(id(TRACE))
			.setSpanId(id(SPAN))
			.setName("GET /orders/{id}")
			.setKind(kind)
			.setStartTimeUnixNano(START)
			.setEndTimeUnixNano(START + 5_321_000);
	}

	static ExportTraceServiceRequest request(Resource resource, io.opentelemetry.proto.trace.v1.Span span) {
		return ExportTraceServiceRequest.newBuilder()
			.addResourceSpans(ResourceSpans.newBuilder()
				.setResource(resource)
				.addScopeSpans(ScopeSpans.newBuilder()
					.setScope(InstrumentationScope.newBuilder().setName("io.opentelemetry.tomcat").setVersion("2.1.0"))
					.addSpans(span)))
			.build();
	}

	static ByteString id(String hex) {
		return ByteString.copyFrom(java.util.HexFormat.of().parseHex(hex));
	}

	static AnyValue string(String value) {
		return AnyValue.newBuilder().setStringValue(value).build();
	}

	static KeyValue kv(String key, String value) {
		return KeyValue.newBuilder().setKey(key).setValue(string(value)).build();
	}

	static KeyValue kv(String key, long value) {
		return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
	}

	static KeyValue kv(String key, boolean value) {
		return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setBoolValue(value)).build();
	}

}
