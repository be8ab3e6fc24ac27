package io.panopticon.ingest.receiver;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import zipkin2.Endpoint;
import zipkin2.reporter.AsyncReporter;
import zipkin2.reporter.Encoding;
import zipkin2.reporter.InMemoryReporterMetrics;
import zipkin2.reporter.SpanBytesEncoder;
import zipkin2.reporter.urlconnection.URLConnectionSender;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Zipkin reporters (zipkin-reporter over HTTP, JSON v2 and proto3) into Elasticsearch: a
 * call whose client and server halves share one span id is stored as two documents.
 */
class ZipkinReceiverIT extends ReceiverServers {

	@Test
	void reporterSendsATraceWithASharedClientServerSpanAndBothHalvesAreStored() {
		assertSharedSpansStored(Encoding.JSON, SpanBytesEncoder.JSON_V2, zipkinPort());
	}

	@Test
	void proto3EncodingOnTheServicePort() {
		assertSharedSpansStored(Encoding.PROTO3, SpanBytesEncoder.PROTO3, service());
	}

	private void assertSharedSpansStored(Encoding encoding, SpanBytesEncoder encoder, String base) {
		String traceId = OtlpReceiverIT.hex(16);
		String root = OtlpReceiverIT.hex(8);
		String shared = OtlpReceiverIT.hex(8);
		String query = OtlpReceiverIT.hex(8);
		String frontend = "zipkin-frontend-" + RUN;
		String orders = "zipkin-orders-" + RUN;
		long t0 = (System.currentTimeMillis() - 5_000) * 1000;
		List<zipkin2.Span> spans = List.of(
				span(traceId, root, null, zipkin2.Span.Kind.SERVER, frontend, t0, 30_000).name("get /checkout")
					.putTag("http.method", "GET")
					.putTag("http.route", "/checkout")
					.putTag("http.status_code", "200")
					.build(),
				span(traceId, shared, root, zipkin2.Span.Kind.CLIENT, frontend, t0 + 1_000, 20_000).name("get")
					.remoteEndpoint(Endpoint.newBuilder().serviceName(orders).build())
					.putTag("http.method", "GET")
					.putTag("http.path", "/orders/7")
					.build(),
				span(traceId, shared, root, zipkin2.Span.Kind.SERVER, orders, t0 + 2_000, 17_000)
					.name("get /orders/{id}")
					.shared(true)
					.putTag("http.method", "GET")
					.putTag("http.route", "/orders/{id}")
					.putTag("http.status_code", "500")
					.putTag("error", "order store down")
					.addAnnotation(t0 + 3_000, "retry")
					.build(),
				span(traceId, query, shared, zipkin2.Span.Kind.CLIENT, orders, t0 + 4_000, 10_000).name("select")
					.putTag("db.system", "postgresql")
					.build());
		InMemoryReporterMetrics metrics = new InMemoryReporterMetrics();
		URLConnectionSender sender = URLConnectionSender.newBuilder()
			.endpoint(base + "/api/v2/spans")
			.encoding(encoding)
			.build();
		try (AsyncReporter<zipkin2.Span> reporter = AsyncReporter.builder(sender)
			.metrics(metrics)
			.messageTimeout(0, TimeUnit.MILLISECONDS)
			.build(encoder)) {
			spans.forEach(reporter::report);
			reporter.flush();
		}
		sender.close();
		assertThat(metrics.spans()).isEqualTo(4);
		assertThat(metrics.spansDropped()).isZero();
		assertThat(metrics.messagesDropped()).as(metrics.messagesDroppedByCause().toString()).isZero();

		Map<String, JsonNode> trace = elasticsearch.awaitTrace(traceId, 4);

		assertThat(trace).hasSize(4);
		JsonNode clientHalf = trace.get(shared + "/CLIENT");
		JsonNode serverHalf = trace.get(shared + "/SERVER");
		assertThat(clientHalf.path("serviceName").asString()).isEqualTo(frontend);
		assertThat(clientHalf.path("peerService").asString()).isEqualTo(orders);
		assertThat(clientHalf.path("parentSpanId").asString()).isEqualTo(root);
		assertThat(clientHalf.path("durationMicros").asLong()).isEqualTo(20_000);
		assertThat(serverHalf.path("serviceName").asString()).isEqualTo(orders);
		assertThat(serverHalf.path("endpoint").asString()).isEqualTo("GET /orders/{id}");
		assertThat(serverHalf.path("httpStatusCode").asInt()).isEqualTo(500);
		assertThat(serverHalf.at("/status/code").asString()).isEqualTo("ERROR");
		assertThat(serverHalf.at("/status/message").asString()).isEqualTo("order store down");
		assertThat(serverHalf.at("/events/0/name").asString()).isEqualTo("retry");
		assertThat(serverHalf.path("isRequest").asBoolean()).isTrue();
		assertThat(trace.get(query + "/CLIENT").path("parentSpanId").asString()).isEqualTo(shared);
		assertThat(trace.get(query + "/CLIENT").path("peerService").asString()).isEqualTo("postgresql");
		assertThat(trace.get(root + "/SERVER").path("httpRoute").asString()).isEqualTo("/checkout");
	}

	@Test
	void aSpanOurModelRefusesFailsTheWholeRequestNamingIt() {
		String traceId = OtlpReceiverIT.hex(16);
		long now = System.currentTimeMillis() * 1000;
		String body = """
				[{"traceId":"%s","id":"%s","name":"fine","timestamp":%d,"duration":10,"localEndpoint":{"serviceName":"z-%s"}},
				 {"traceId":"%s","id":"%s","name":"no duration","timestamp":%d,"localEndpoint":{"serviceName":"z-%s"}}]
				"""
			.formatted(traceId, OtlpReceiverIT.hex(8), now, RUN, traceId, OtlpReceiverIT.hex(8), now, RUN);

		Http.Answer answer = Http.post(zipkinPort() + "/api/v2/spans", body.getBytes(StandardCharsets.UTF_8),
				"Content-Type", "application/json");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().path("detail").asString())
			.isEqualTo("invalid spans rejected: spans[1]: duration is required; nothing was stored");
		assertThat(answer.json().at("/invalid-params/0/name").asString()).isEqualTo("spans[1]");

		String absurd = OtlpReceiverIT.hex(16);
		Http.Answer endless = Http.post(zipkinPort() + "/api/v2/spans",
				"""
						[{"traceId":"%s","id":"%s","name":"endless","timestamp":%d,"duration":9223372036854775807,"localEndpoint":{"serviceName":"z-%s"}}]
						"""
					.formatted(absurd, OtlpReceiverIT.hex(8), now, RUN)
					.getBytes(StandardCharsets.UTF_8),
				"Content-Type", "application/json");
		assertThat(endless.status()).isEqualTo(400);
		assertThat(endless.json().at("/invalid-params/0/reason").asString())
			.startsWith("durationMicros must not make the span end after 2262");

		Http.Answer malformed = Http.post(service() + "/api/v2/spans", "[{\"traceId\":".getBytes(), "Content-Type",
				"application/json");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.json().path("detail").asString())
			.startsWith("invalid parameter '$': is not a Zipkin JSON v2 span list");

		// Sent after the refused one: had "fine" been stored, it would be found by now.
		String later = OtlpReceiverIT.hex(16);
		Http.Answer accepted = Http.post(zipkinPort() + "/api/v2/spans",
				"""
						[{"traceId":"%s","id":"%s","name":"later","timestamp":%d,"duration":10,"localEndpoint":{"serviceName":"z-%s"}}]
						"""
					.formatted(later, OtlpReceiverIT.hex(8), now, RUN)
					.getBytes(StandardCharsets.UTF_8),
				"Content-Type", "application/json");
		assertThat(accepted.status()).isEqualTo(202);
		assertThat(elasticsearch.awaitTrace(later, 1)).hasSize(1);
		assertThat(elasticsearch.awaitTrace(traceId, 0)).isEmpty();
		assertThat(elasticsearch.awaitTrace(absurd, 0)).isEmpty();
	}

	private static zipkin2.Span.Builder span(String traceId, String id, String parent, zipkin2.Span.Kind kind,
			String service, long timestamp, long duration) {
		return zipkin2.Span.newBuilder()
			.traceId(traceId)
			.id(id)
			.parentId(parent)
			.kind(kind)
			.localEndpoint(Endpoint.newBuilder().serviceName(service).ip("10.0.0.1").build())
			.timestamp(timestamp)
			.duration(duration);
	}

}
