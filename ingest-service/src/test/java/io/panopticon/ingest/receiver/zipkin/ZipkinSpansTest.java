package io.panopticon.ingest.receiver.zipkin;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import zipkin2.Endpoint;
import zipkin2.codec.SpanBytesDecoder;

import io.panopticon.storage.DocumentIds;
import io.panopticon.common.telemetry.Span;
import io.panopticon.common.telemetry.SpanEvent;
import io.panopticon.common.telemetry.SpanKind;
import io.panopticon.common.telemetry.StatusCode;
import io.panopticon.ingest.receiver.Converted;
import io.panopticon.ingest.receiver.Rejection;

import static org.assertj.core.api.Assertions.assertThat;

class ZipkinSpansTest {

	static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

	@Test
	void mapsAJsonV2ClientSpan() {
		String json = """
				[{"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","parentId":"a3ce929d0e0e4736","id":"00f067aa0ba902b7",
				  "kind":"CLIENT","name":"get /orders/{id}","timestamp":1763712000123456,"duration":5321,
				  "localEndpoint":{"serviceName":"frontend","ipv4":"10.0.0.1"},
				  "remoteEndpoint":{"serviceName":"orders","ipv4":"10.0.0.2","port":8080},
				  "annotations":[{"timestamp":1763712000124000,"value":"ws"}],
				  "tags":{"http.method":"get","http.path":"/orders/42","http.route":"/orders/{id}","http.status_code":"503","error":"Service Unavailable"}}]
				""";

		Converted<Span> converted = ZipkinSpans
			.convert(SpanBytesDecoder.JSON_V2.decodeList(json.getBytes(StandardCharsets.UTF_8)));

		Span expected = Span.builder()
			.traceId(TRACE)
			.spanId("00f067aa0ba902b7")
			.parentSpanId("a3ce929d0e0e4736")
			.name("get /orders/{id}")
			.kind(SpanKind.CLIENT)
			.serviceName("frontend")
			.startTimeMicros(1_763_712_000_123_456L)
			.durationMicros(5_321L)
			.status(StatusCode.ERROR, "Service Unavailable")
			.httpMethod("GET")
			.httpRoute("/orders/{id}")
			.httpStatusCode(503)
			.peerService("orders")
			.putAttribute("error", "Service Unavailable")
			.putAttribute("http.method", "get")
			.putAttribute("http.path", "/orders/42")
			.putAttribute("http.route", "/orders/{id}")
			.putAttribute("http.status_code", "503")
			.putAttribute("network.peer.address", "10.0.0.2")
			.putAttribute("network.peer.port", 8080L)
			.addEvent(new SpanEvent(1_763_712_000_124_000L, "ws", Map.of()))
			.putResource("service.name", "frontend")
			.putResource("host.ip", "10.0.0.1")
			.build();
		assertThat(converted.rejections()).isEmpty();
		assertThat(converted.items()).singleElement().satisfies((item) -> {
			assertThat(item.item()).isEqualTo("spans[0]");
			assertThat(item.value()).isEqualTo(expected);
		});
	}

	@Test
	void sharedClientAndServerHalvesKeepTheirKindsAndSoTwoDocumentIds() {
		zipkin2.Span client = base().kind(zipkin2.Span.Kind.CLIENT)
			.localEndpoint(Endpoint.newBuilder().serviceName("frontend").build())
			.build();
		zipkin2.Span server = base().kind(zipkin2.Span.Kind.SERVER)
			.shared(true)
			.localEndpoint(Endpoint.newBuilder().serviceName("orders").build())
			.build();

		List<Span> spans = ZipkinSpans.convert(List.of(client, server))
			.items()
			.stream()
			.map(Converted.Located::value)
			.toList();

		assertThat(spans).extracting(Span::spanId).containsOnly("00f067aa0ba902b7");
		assertThat(spans).extracting(Span::kind).containsExactly(SpanKind.CLIENT, SpanKind.SERVER);
		assertThat(spans.get(1).attributes()).containsEntry("zipkin.shared", true);
		assertThat(DocumentIds.spanId(spans.get(0))).isNotEqualTo(DocumentIds.spanId(spans.get(1)));
	}

	@Test
	void defaultsWhatZipkinLeavesOptional() {
		Span span = ZipkinSpans.span(base().build());
		assertThat(span.kind()).isEqualTo(SpanKind.INTERNAL);
		assertThat(span.name()).isEqualTo("unknown");
		assertThat(span.serviceName()).isEqualTo("unknown");
		assertThat(span.status().code()).isEqualTo(StatusCode.UNSET);
	}

	@Test
	void readsOpenTelemetryStatusTagsAndDatabasePeers() {
		assertThat(ZipkinSpans.status(Map.of("otel.status_code", "ERROR", "otel.status_description", "boom")))
			.satisfies((s) -> {
				assertThat(s.code()).isEqualTo(StatusCode.ERROR);
				assertThat(s.message()).isEqualTo("boom");
			});
		assertThat(ZipkinSpans.status(Map.of("otel.status_code", "OK")).code()).isEqualTo(StatusCode.OK);
		assertThat(ZipkinSpans.status(Map.of("error", "")).code()).isEqualTo(StatusCode.ERROR);
		assertThat(ZipkinSpans.peer(SpanKind.CLIENT, null, Map.of("db.system", "postgresql"))).isEqualTo("postgresql");
		assertThat(ZipkinSpans.peer(SpanKind.SERVER, null, Map.of("db.system", "postgresql"))).isNull();
		assertThat(ZipkinSpans.statusCode("OK")).isNull();
	}

	@Test
	void rejectsSpansWithoutTimesOrWithImpossibleStatusCodes() {
		zipkin2.Span noTimestamp = zipkin2.Span.newBuilder().traceId(TRACE).id("00f067aa0ba902b7").duration(5L).build();
		zipkin2.Span noDuration = zipkin2.Span.newBuilder()
			.traceId(TRACE)
			.id("00f067aa0ba902b7")
			.timestamp(1_763_712_000_123_456L)
			.build();
		zipkin2.Span badStatus = base().putTag("http.status_code", "1000").build();

		assertThat(ZipkinSpans.convert(List.of(noTimestamp, noDuration, badStatus)).rejections()).containsExactly(
				new Rejection("spans[0]", "timestamp is required"), new Rejection("spans[1]", "duration is required"),
				new Rejection("spans[2]", "tags.http.status_code must be between 100 and 599: 1000"));
	}

	@Test
	void rejectsADurationThatEndsTheSpanBeyondWhatTheSystemCanRepresent() {
		String json = """
				[{"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","id":"00f067aa0ba902b7",
				  "timestamp":1763712000123456,"duration":9223372036854775807}]
				""";

		Converted<Span> converted = ZipkinSpans
			.convert(SpanBytesDecoder.JSON_V2.decodeList(json.getBytes(StandardCharsets.UTF_8)));

		assertThat(converted.items()).isEmpty();
		assertThat(converted.rejections()).containsExactly(new Rejection("spans[0]",
				"durationMicros must not make the span end after 2262-04-11T23:47:16Z: 9223372036854775807"));
	}

	private static zipkin2.Span.Builder base() {
		return zipkin2.Span.newBuilder()
			.traceId(TRACE)
			.id("00f067aa0ba902b7")
			.timestamp(1_763_712_000_123_456L)
			.duration(5_321L);
	}

}
