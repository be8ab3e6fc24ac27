package io.panopticon.ingest.receiver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import org.junit.jupiter.api.Test;
import zipkin2.Endpoint;
import zipkin2.codec.SpanBytesEncoder;

import io.panopticon.ingest.receiver.otlp.OtlpJson;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz: mutated OTLP (protobuf and JSON, traces and logs) and Zipkin (JSON v2 and proto3)
 * bodies, plain and gzip-compressed, are never answered with a 500, and the valid spans
 * sent between them all reach Elasticsearch.
 */
class ReceiverFuzzIT extends ReceiverServers {

	private static final int BODIES = 10_000;

	private static final int VALID_EVERY = 100;

	private static final Set<Integer> EXPECTED = Set.of(200, 202, 400, 413, 415);

	@Test
	void mutatedBodiesNeverFailTheServiceAndValidSpansAlongsideAllArrive() {
		long seed = Long.getLong("panopticon.fuzz.seed", System.nanoTime());
		// Printed first, so that a run which fails or hangs can be repeated with
		// -Dpanopticon.fuzz.seed.
		System.out.println("Fuzz seed " + seed);
		List<Seed> seeds = seeds();
		List<String> failures = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger validSpans = new AtomicInteger();
		AtomicInteger[] statuses = new AtomicInteger[600];
		for (int i = 0; i < statuses.length; i++) {
			statuses[i] = new AtomicInteger();
		}
		String validService = "fuzz-valid-" + RUN;

		IntStream.range(0, BODIES).parallel().forEach((i) -> {
			Random random = new Random(seed + i);
			if (i % VALID_EVERY == 0) {
				validSpans.addAndGet(sendValid(validService, i));
			}
			Seed base = seeds.get(random.nextInt(seeds.size()));
			byte[] body = mutate(base.body(), random, base.json());
			List<String> headers = new ArrayList<>(List.of("Content-Type", base.contentType()));
			if (random.nextInt(5) == 0) {
				try {
					body = RequestBodiesTest.gzip(body);
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
				headers.addAll(List.of("Content-Encoding", "gzip"));
			}
			String url = ((i % 2 == 0) ? service() : base.port().equals("zipkin") ? zipkinPort() : otlpPort())
					+ base.path();
			Http.Answer answer = Http.post(url, body, headers.toArray(String[]::new));
			statuses[answer.status()].incrementAndGet();
			if (!EXPECTED.contains(answer.status())) {
				failures.add("body " + i + " (seed " + seed + ", " + base.path() + " " + base.contentType() + "): "
						+ answer.status() + " " + answer.text());
			}
		});

		StringBuilder histogram = new StringBuilder();
		for (int status = 0; status < statuses.length; status++) {
			if (statuses[status].get() > 0) {
				histogram.append(status).append('=').append(statuses[status].get()).append(' ');
			}
		}
		System.out.println("Fuzz seed " + seed + ": " + BODIES + " mutated bodies, statuses " + histogram);
		assertThat(failures).as("answers other than " + EXPECTED).isEmpty();
		assertThat(statuses[200].get() + statuses[202].get()).as("some mutated bodies are still valid").isPositive();
		assertThat(statuses[400].get()).as("most mutated bodies are refused").isPositive();
		assertThat(elasticsearch.await("traces-apm-*", "serviceName:\"" + validService + "\"", validSpans.get()))
			.hasSize(validSpans.get());
	}

	/** A valid OTLP request of three spans sent between the mutated ones; returns 3. */
	private int sendValid(String service, int i) {
		long now = System.currentTimeMillis() * 1_000_000;
		String traceId = OtlpReceiverIT.hex(16);
		ExportTraceServiceRequest request = OtlpReceiverIT.request(service,
				OtlpReceiverIT.span(traceId, OtlpReceiverIT.hex(8), "valid " + i + " a", now).build(),
				OtlpReceiverIT.span(traceId, OtlpReceiverIT.hex(8), "valid " + i + " b", now).build(),
				OtlpReceiverIT.span(traceId, OtlpReceiverIT.hex(8), "valid " + i + " c", now).build());
		Http.Answer answer = Http.post(((i % 200 == 0) ? service() : otlpPort()) + "/v1/traces", request.toByteArray(),
				"Content-Type", "application/x-protobuf");
		assertThat(answer.status()).as(answer.text()).isEqualTo(200);
		try {
			assertThat(ExportTraceServiceResponse.parseFrom(answer.body()).hasPartialSuccess()).isFalse();
		}
		catch (com.google.protobuf.InvalidProtocolBufferException ex) {
			throw new AssertionError(ex);
		}
		return 3;
	}

	static byte[] mutate(byte[] original, Random random, boolean json) {
		byte[] body = original;
		int mutations = 1 + random.nextInt(4);
		for (int m = 0; m < mutations; m++) {
			body = (json && random.nextBoolean()) ? mutateJson(body, random) : mutateBytes(body, random);
		}
		return body;
	}

	private static byte[] mutateBytes(byte[] body, Random random) {
		if (body.length == 0) {
			return new byte[] { (byte) random.nextInt() };
		}
		byte[] copy = body.clone();
		int at = random.nextInt(body.length);
		switch (random.nextInt(7)) {
			case 0 -> copy[at] ^= (byte) (1 << random.nextInt(8));
			case 1 -> copy[at] = (byte) random.nextInt();
			case 2 -> {
				return java.util.Arrays.copyOf(body, at);
			}
			case 3 -> {
				int length = 1 + random.nextInt(Math.min(16, body.length - at));
				byte[] shorter = new byte[body.length - length];
				System.arraycopy(body, 0, shorter, 0, at);
				System.arraycopy(body, at + length, shorter, at, body.length - at - length);
				return shorter;
			}
			case 4 -> {
				byte[] inserted = new byte[1 + random.nextInt(8)];
				random.nextBytes(inserted);
				return splice(body, at, inserted);
			}
			case 5 -> {
				int length = 1 + random.nextInt(Math.min(64, body.length - at));
				return splice(body, at, java.util.Arrays.copyOfRange(body, at, at + length));
			}
			default -> {
				int other = random.nextInt(body.length);
				byte swap = copy[at];
				copy[at] = copy[other];
				copy[other] = swap;
			}
		}
		return copy;
	}

	private static final String[] JSON_PIECES = { "\"", "{", "}", "[", "]", ",", ":", "null", "true", "-1", "0",
			"1e999", "18446744073709551616", "-9223372036854775809", "\"\"", "\"zz\"", "\"NaN\"", "{}", "[]",
			"\"SPAN_KIND_NOPE\"", "99", "\"\\u0000\"", "\"ffffffffffffffff\"", "\"00000000000000000000000000000000\"",
			"1.5", "\"2025-13-45\"" };

	private static byte[] mutateJson(byte[] body, Random random) {
		String text = new String(body, StandardCharsets.UTF_8);
		if (text.isEmpty()) {
			return JSON_PIECES[random.nextInt(JSON_PIECES.length)].getBytes(StandardCharsets.UTF_8);
		}
		int at = random.nextInt(text.length());
		String piece = JSON_PIECES[random.nextInt(JSON_PIECES.length)];
		String mutated;
		if (random.nextBoolean()) {
			// Replace the value after a colon, keeping the structure around it.
			int colon = text.indexOf(':', at);
			if (colon < 0) {
				mutated = text.substring(0, at) + piece + text.substring(at);
			}
			else {
				int end = colon + 1;
				while (end < text.length() && ",}]".indexOf(text.charAt(end)) < 0) {
					end++;
				}
				mutated = text.substring(0, colon + 1) + piece + text.substring(end);
			}
		}
		else {
			mutated = text.substring(0, at) + piece + text.substring(at);
		}
		return mutated.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] splice(byte[] body, int at, byte[] inserted) {
		byte[] longer = new byte[body.length + inserted.length];
		System.arraycopy(body, 0, longer, 0, at);
		System.arraycopy(inserted, 0, longer, at, inserted.length);
		System.arraycopy(body, at, longer, at + inserted.length, body.length - at);
		return longer;
	}

	/**
	 * A valid body to mutate.
	 *
	 * @param path the receiver path
	 * @param port which extra port serves it ({@code otlp} or {@code zipkin})
	 * @param contentType its content type
	 * @param body the bytes
	 * @param json whether it is JSON (and gets JSON-aware mutations too)
	 */
	record Seed(String path, String port, String contentType, byte[] body, boolean json) {
	}

	static List<Seed> seeds() {
		long now = System.currentTimeMillis() * 1_000_000;
		ExportTraceServiceRequest traces = ExportTraceServiceRequest.newBuilder()
			.addResourceSpans(io.opentelemetry.proto.trace.v1.ResourceSpans.newBuilder()
				.setResource(Resource.newBuilder()
					.addAttributes(kv("service.name", "fuzz-" + RUN))
					.addAttributes(kv("deployment.environment.name", "fuzz")))
				.addScopeSpans(io.opentelemetry.proto.trace.v1.ScopeSpans.newBuilder()
					.addSpans(OtlpReceiverIT.span(OtlpReceiverIT.hex(16), OtlpReceiverIT.hex(8), "GET /fuzz/{id}", now)
						.setParentSpanId(ByteString.copyFrom(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }))
						.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("x"))
						.addAttributes(kv("http.request.method", "GET"))
						.addAttributes(kv("http.route", "/fuzz/{id}"))
						.addAttributes(KeyValue.newBuilder()
							.setKey("http.response.status_code")
							.setValue(AnyValue.newBuilder().setIntValue(503)))
						.addAttributes(KeyValue.newBuilder()
							.setKey("list")
							.setValue(AnyValue.newBuilder()
								.setArrayValue(ArrayValue.newBuilder()
									.addValues(AnyValue.newBuilder().setDoubleValue(1.5))
									.addValues(AnyValue.newBuilder()
										.setKvlistValue(KeyValueList.newBuilder().addValues(kv("k", "v")))))))
						.addEvents(Span.Event.newBuilder()
							.setTimeUnixNano(now + 10)
							.setName("exception")
							.addAttributes(kv("exception.type", "E")))
						.addLinks(Span.Link.newBuilder()
							.setTraceId(ByteString.copyFrom(new byte[16]))
							.setSpanId(ByteString.copyFrom(new byte[] { 9, 9, 9, 9, 9, 9, 9, 9 }))))
					.addSpans(OtlpReceiverIT.span(OtlpReceiverIT.hex(16), OtlpReceiverIT.hex(8), "db", now)
						.setKind(Span.SpanKind.SPAN_KIND_CLIENT)
						.addAttributes(kv("db.system", "postgresql")))))
			.build();
		ExportLogsServiceRequest logs = ExportLogsServiceRequest.newBuilder()
			.addResourceLogs(ResourceLogs.newBuilder()
				.setResource(Resource.newBuilder().addAttributes(kv("service.name", "fuzz-" + RUN)))
				.addScopeLogs(ScopeLogs.newBuilder()
					.addLogRecords(LogRecord.newBuilder()
						.setTimeUnixNano(now)
						.setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_WARN)
						.setBody(AnyValue.newBuilder().setStringValue("fuzzing"))
						.setTraceId(ByteString.copyFrom(new byte[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }))
						.addAttributes(kv("a", "b")))))
			.build();
		List<zipkin2.Span> zipkin = List.of(zipkin2.Span.newBuilder()
			.traceId(OtlpReceiverIT.hex(16))
			.id(OtlpReceiverIT.hex(8))
			.parentId(OtlpReceiverIT.hex(8))
			.kind(zipkin2.Span.Kind.SERVER)
			.name("get /fuzz")
			.timestamp(now / 1000)
			.duration(10)
			.shared(true)
			.localEndpoint(Endpoint.newBuilder().serviceName("fuzz-" + RUN).ip("10.0.0.1").build())
			.remoteEndpoint(Endpoint.newBuilder().serviceName("peer").port(80).build())
			.putTag("http.status_code", "200")
			.addAnnotation(now / 1000 + 1, "ws")
			.build());
		return List.of(new Seed("/v1/traces", "otlp", "application/x-protobuf", traces.toByteArray(), false),
				new Seed("/v1/logs", "otlp", "application/x-protobuf", logs.toByteArray(), false),
				new Seed("/v1/traces", "otlp", "application/json", OtlpJsonText.traces(traces), true),
				new Seed("/v1/logs", "otlp", "application/json", OtlpJsonText.logs(logs), true),
				new Seed("/api/v2/spans", "zipkin", "application/json", SpanBytesEncoder.JSON_V2.encodeList(zipkin),
						true),
				new Seed("/api/v2/spans", "zipkin", "application/x-protobuf",
						SpanBytesEncoder.PROTO3.encodeList(zipkin), false));
	}

	private static KeyValue kv(String key, String value) {
		return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
	}

	/** OTLP/JSON as clients write it: protobuf's JSON with ids as hex. */
	static final class OtlpJsonText {

		static byte[] traces(ExportTraceServiceRequest request) {
			return hexIds(OtlpJson.write(request));
		}

		static byte[] logs(ExportLogsServiceRequest request) {
			return hexIds(OtlpJson.write(request));
		}

		private static byte[] hexIds(byte[] json) {
			String text = new String(json, StandardCharsets.UTF_8);
			java.util.regex.Matcher ids = java.util.regex.Pattern
				.compile("\"(traceId|spanId|parentSpanId)\":\"([^\"]*)\"")
				.matcher(text);
			StringBuilder out = new StringBuilder();
			while (ids.find()) {
				String hex = java.util.HexFormat.of().formatHex(java.util.Base64.getDecoder().decode(ids.group(2)));
				ids.appendReplacement(out, "\"" + ids.group(1) + "\":\"" + hex + "\"");
			}
			ids.appendTail(out);
			return out.toString().getBytes(StandardCharsets.UTF_8);
		}

	}

}
