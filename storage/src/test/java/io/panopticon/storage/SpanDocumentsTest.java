package io.panopticon.storage;

import io.panopticon.testing.JsonText;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.panopticon.common.telemetry.Decoded;
import io.panopticon.common.telemetry.Span;
import io.panopticon.common.telemetry.SpanKind;
import io.panopticon.common.telemetry.StatusCode;
import io.panopticon.common.telemetry.TelemetryJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class SpanDocumentsTest {

	/** The full example span of docs/formats.md, as producers write it to Kafka. */
	static final String EXAMPLE_SPAN = """
			{"traceId": "4bf92f3577b34da6a3ce929d0e0e4736", "spanId": "00f067aa0ba902b7",
			 "parentSpanId": "a3ce929d0e0e4736", "name": "GET /orders/{id}", "kind": "SERVER",
			 "serviceName": "orders", "environment": "prod",
			 "startTime": 1763712000123456, "durationMicros": 5321,
			 "status": {"code": "ERROR", "message": "timeout"},
			 "httpMethod": "GET", "httpRoute": "/orders/{id}", "httpStatusCode": 504,
			 "peerService": "postgres", "attributes": {"region": "eu-1", "retry": 2},
			 "events": [{"time": 1763712000125000, "name": "exception",
			             "attributes": {"exception.type": "TimeoutException", "exception.message": "read timed out"}}],
			 "links": [{"traceId": "5b8aa5a2d2c872e8321cf37308d69df2", "spanId": "051581bf3cb55c13"}],
			 "resource": {"host.name": "orders-7f9c"}}
			""";

	/** The document of {@link #EXAMPLE_SPAN}, also shown in docs/formats.md. */
	static final String EXAMPLE_DOCUMENT = """
			{"traceId": "4bf92f3577b34da6a3ce929d0e0e4736", "spanId": "00f067aa0ba902b7",
			 "parentSpanId": "a3ce929d0e0e4736", "name": "GET /orders/{id}", "kind": "SERVER",
			 "serviceName": "orders", "environment": "prod", "endpoint": "GET /orders/{id}",
			 "@timestamp": 1763712000123, "startTimeMicros": 1763712000123456,
			 "endTimeMicros": 1763712000128777, "durationMicros": 5321, "latencyBucket": 434,
			 "status": {"code": "ERROR", "message": "timeout"}, "isRequest": true, "isError": true,
			 "httpMethod": "GET", "httpRoute": "/orders/{id}", "httpStatusCode": 504,
			 "peerService": "postgres",
			 "attributes": ["region", "region=eu-1", "retry", "retry=2", "host.name", "host.name=orders-7f9c"],
			 "attributeMap": {"region": "eu-1", "retry": 2},
			 "events": [{"time": 1763712000125000, "name": "exception",
			             "attributes": {"exception.type": "TimeoutException", "exception.message": "read timed out"}}],
			 "links": [{"traceId": "5b8aa5a2d2c872e8321cf37308d69df2", "spanId": "051581bf3cb55c13"}],
			 "resource": {"host.name": "orders-7f9c"}}
			""";

	static Span decode(String json) {
		List<Decoded<Span>> decoded = TelemetryJson.decodeSpans(json.getBytes(StandardCharsets.UTF_8));
		assertThat(decoded).hasSize(1);
		assertThat(decoded.get(0).errors()).isEmpty();
		return decoded.get(0).value();
	}

	@Test
	void writesEveryFieldOfTheDocumentedExampleSpan() {
		Span span = decode(EXAMPLE_SPAN);

		byte[] document = SpanDocuments.span(span, SpanDocuments.endpointOf(span));

		assertThat(JsonText.utf8(document)).isEqualTo(JsonText.compact(EXAMPLE_DOCUMENT));
	}

	@Test
	void leavesAbsentOptionalFieldsOut() {
		Span span = decode("""
				{"traceId": "a3ce929d0e0e4736", "spanId": "00f067aa0ba902b7", "name": "load-config",
				 "serviceName": "orders", "startTime": "2025-11-21T08:00:00Z", "endTime": "2025-11-21T08:00:00.250Z"}
				""");

		byte[] document = SpanDocuments.span(span, "load-config");

		assertThat(JsonText.utf8(document)).isEqualTo(JsonText.compact("""
				{"traceId": "a3ce929d0e0e4736", "spanId": "00f067aa0ba902b7", "name": "load-config",
				 "kind": "INTERNAL", "serviceName": "orders", "endpoint": "load-config",
				 "@timestamp": 1763712000000, "startTimeMicros": 1763712000000000,
				 "endTimeMicros": 1763712000250000, "durationMicros": 250000, "latencyBucket": 628,
				 "status": {"code": "UNSET"}, "isRequest": false, "isError": false}
				"""));
	}

	@Test
	void writesTheEndpointItIsGivenNotTheSpanName() {
		Span span = decode(EXAMPLE_SPAN);

		byte[] document = SpanDocuments.span(span, SpanDocuments.OTHER_ENDPOINT);

		assertThat(JsonText.parse(document).get("endpoint").asString()).isEqualTo("_other");
		assertThat(JsonText.parse(document).get("name").asString()).isEqualTo("GET /orders/{id}");
	}

	@Test
	void requiresAnEndpoint() {
		Span span = decode(EXAMPLE_SPAN);

		assertThatNullPointerException().isThrownBy(() -> SpanDocuments.span(span, null));
	}

	@Test
	void flagsRequestsAndErrorsAsTheSharedDefinitionsSay() {
		Span unsetServerError = span().kind(SpanKind.CONSUMER).httpStatusCode(503).build();
		Span okDespite500 = span().kind(SpanKind.CLIENT).status(StatusCode.OK, null).httpStatusCode(500).build();

		assertThat(JsonText.parse(SpanDocuments.span(unsetServerError, "x")).get("isRequest").asBoolean()).isTrue();
		assertThat(JsonText.parse(SpanDocuments.span(unsetServerError, "x")).get("isError").asBoolean()).isTrue();
		assertThat(JsonText.parse(SpanDocuments.span(okDespite500, "x")).get("isRequest").asBoolean()).isFalse();
		assertThat(JsonText.parse(SpanDocuments.span(okDespite500, "x")).get("isError").asBoolean()).isFalse();
	}

	@Test
	void theLatestEndTimeTheModelAllowsIsWrittenExactly() {
		long latest = Long.MAX_VALUE / 1000;
		Span span = span().startTimeMicros(0).durationMicros(latest).build();

		assertThat(JsonText.parse(SpanDocuments.span(span, "x")).get("endTimeMicros").asLong()).isEqualTo(latest);
	}

	@Test
	void escapesTextAndKeepsUnicode() {
		Span span = span().name("say \"hi\"\n to Zoë 🚀").build();

		byte[] document = SpanDocuments.span(span, "say");

		assertThat(JsonText.parse(document).get("name").asString()).isEqualTo("say \"hi\"\n to Zoë 🚀");
		assertThat(JsonText.utf8(document)).contains("Zoë 🚀");
	}

	@Test
	void writesTheSameBytesAsItReturnsAfterALargeDocument() {
		Span big = span().putAttribute("blob", "x".repeat(300_000)).build();
		Span small = decode(EXAMPLE_SPAN);
		ByteArrayOutputStream out = new ByteArrayOutputStream();

		SpanDocuments.span(big, "x");
		byte[] afterBig = SpanDocuments.span(small, "GET /orders/{id}");
		SpanDocuments.write(small, "GET /orders/{id}", out);

		assertThat(JsonText.utf8(afterBig)).isEqualTo(JsonText.compact(EXAMPLE_DOCUMENT));
		assertThat(out.toByteArray()).isEqualTo(afterBig);
	}

	@Test
	void indexIsTheDayOfTheStartTime() {
		Span span = decode(EXAMPLE_SPAN);

		assertThat(SpanDocuments.indexOf(span)).isEqualTo("traces-apm-2025.11.21");
	}

	private static Span.Builder span() {
		return Span.builder()
			.traceId("4bf92f3577b34da6a3ce929d0e0e4736")
			.spanId("00f067aa0ba902b7")
			.name("work")
			.serviceName("orders")
			.startTimeMicros(1763712000123456L)
			.durationMicros(10);
	}

}
