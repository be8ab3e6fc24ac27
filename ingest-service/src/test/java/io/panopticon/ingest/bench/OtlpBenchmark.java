package io.panopticon.ingest.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.panopticon.testing.BenchmarkMain;
import io.panopticon.testing.TestServers;
import io.panopticon.testing.TestTokens;

/**
 * The OTLP receiver benchmark (issue 6, "Figure"): how many spans per second
 * ingest-service accepts over OTLP/HTTP (binary protobuf) into Kafka, with concurrent
 * senders, and the service JVM's resident memory. A command that prints figures, not a
 * test; run it with {@code infra/bench/otlp-benchmark} (see {@code docs/performance.md}).
 * <ol>
 * <li>Kafka comes from {@link TestServers} (or {@code PANOPTICON_TEST_KAFKA}); a new
 * topic of 6 partitions takes the spans.</li>
 * <li>ingest-service runs as its own JVM from its jar with its Kafka consumers off
 * ({@code spring.kafka.listener.auto-startup=false}), so only the receiver works: the
 * figure is what it hands to Kafka, not what reaches Elasticsearch.</li>
 * <li>Request bodies are built before the clock starts: requests of 512 spans (an
 * OpenTelemetry SDK's default export batch), traces of 8 spans over 4 services, the
 * attributes an HTTP instrumentation records. A fixed set of bodies is sent round-robin
 * (span ids repeat across rounds of the set; Kafka does not care).</li>
 * <li>A warm-up sends the first part untimed; then the senders, each with its own HTTP
 * connection, post the rest as fast as answers come. Every answer must be 200 without a
 * partial success; the clock runs from the first request to the last answer.</li>
 * </ol>
 * Prints spans per second accepted, requests per second, the latency of a request, the
 * service JVM's largest resident memory, the records in the topic, and the spans found
 * there when they are counted back.
 */
public final class OtlpBenchmark {

	private static final Logger log = LoggerFactory.getLogger(OtlpBenchmark.class);

	static final String USAGE = """
			Usage: infra/bench/otlp-benchmark [OPTIONS] [-- INGEST-SERVICE ARGUMENTS]

			  --spans N            spans sent, timed (default 2000000)
			  --warmup N           spans sent untimed first (default 300000)
			  --senders N          concurrent senders (default 8)
			  --batch N            spans per request (default 512)
			  --bodies N           distinct request bodies sent round-robin (default 200)
			  --jar PATH           the ingest-service jar (default ingest-service/target/ingest-service-0.1.0-SNAPSHOT.jar)
			  --java-opts "OPTS"   JVM options of ingest-service (default $PANOPTICON_SERVICE_JAVA_OPTS,
			                       else those of the local stack)
			  --work-dir DIR       the service's log (default ingest-service/target/bench)

			Arguments after -- go to ingest-service. Kafka: PANOPTICON_TEST_KAFKA (host:port) names a
			running broker; otherwise one runs in this JVM.
			""";

	private static final int SERVICES = 4;

	private static final int SPANS_PER_TRACE = 8;

	private final Options options;

	private OtlpBenchmark(Options options) {
		this.options = options;
	}

	public static void main(String[] args) {
		BenchmarkMain.run("otlp benchmark", USAGE, args, Options::parse, (options) -> new OtlpBenchmark(options).run());
	}

	private int run() throws Exception {
		if (!Files.isRegularFile(this.options.jar())) {
			throw new IllegalStateException(this.options.jar() + " does not exist; build it first (the script does)");
		}
		Files.createDirectories(this.options.workDir());
		String loadAtStart = loadAverage();
		PrintStream results = System.out;
		System.setOut(System.err);
		String kafka = TestServers.kafkaBootstrapServers();
		String topic = "bench.otlp." + UUID.randomUUID().toString().substring(0, 8);
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
			admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
		}
		log.info("Building {} request bodies of {} spans", this.options.bodies(), this.options.batch());
		List<byte[]> bodies = bodies(this.options.bodies(), this.options.batch(), new Random(20251121));
		long bodyBytes = bodies.stream().mapToLong((b) -> b.length).sum();
		int port = freePort();
		Path publicKey = this.options.workDir().resolve("jwt-public.pem");
		Files.writeString(publicKey, TestTokens.publicKeyPem());
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(Arrays.asList(this.options.javaOptions().trim().split("\\s+")));
		command.addAll(List.of("-jar", this.options.jar().toString(), "--server.port=0",
				"--panopticon.ingest.receiver.otlp-http-port=" + port, "--panopticon.ingest.receiver.otlp-grpc-port=-1",
				"--panopticon.ingest.receiver.zipkin-port=-1", "--spring.kafka.bootstrap-servers=" + kafka,
				"--spring.kafka.listener.auto-startup=false", "--spring.elasticsearch.uris=http://127.0.0.1:9",
				"--panopticon.jwt.public-key=" + publicKey, "--panopticon.topics.spans=" + topic,
				"--panopticon.topics.logs=" + topic + ".logs"));
		command.addAll(this.options.ingestArguments());
		URI endpoint = URI.create("http://127.0.0.1:" + port + "/v1/traces");
		Path logFile = this.options.workDir().resolve("otlp-benchmark-ingest.log");
		try (IngestProcess service = IngestProcess.start(command, logFile)) {
			awaitReceiver(service, endpoint, logFile);
			double startSeconds = service.elapsedNanos() / 1e9;
			log.info("Receiver up after {} s; warming up with {} spans", String.format("%.1f", startSeconds),
					this.options.warmup());
			send(endpoint, bodies, requests(this.options.warmup()), service);
			long requests = requests(this.options.spans());
			log.info("Timed: {} requests of {} spans with {} senders", requests, this.options.batch(),
					this.options.senders());
			Run timed = send(endpoint, bodies, requests, service);
			long peakKb = service.peakResidentKb();
			service.stop(Duration.ofSeconds(30));
			long records = endOffsets(kafka, topic);
			long spansInKafka = countSpans(kafka, topic);
			long expected = (requests(this.options.warmup()) + requests) * this.options.batch();
			double seconds = timed.nanos() / 1e9;
			results.printf("%nOTLP/HTTP receiver benchmark (binary protobuf, %d spans per request, %d senders)%n",
					this.options.batch(), this.options.senders());
			results.printf("Machine: %d cores, load average %s at the start, %s at the end; service JVM options: %s%n",
					Runtime.getRuntime().availableProcessors(), loadAtStart, loadAverage(), this.options.javaOptions());
			results.printf("Bodies: %d distinct, %.0f bytes per span on the wire%n", bodies.size(),
					(double) bodyBytes / (bodies.size() * (double) this.options.batch()));
			results.printf("Service start until the receiver answered: %.1f s%n", startSeconds);
			results.printf("Timed spans accepted:        %,d in %.1f s%n", timed.spans(), seconds);
			results.printf("Spans per second:            %,.0f%n", timed.spans() / seconds);
			results.printf("Requests per second:         %,.0f%n", timed.requests() / seconds);
			results.printf("Request latency:             mean %.1f ms, max %.1f ms%n",
					timed.latencyNanos() / 1e6 / timed.requests(), timed.maxLatencyNanos() / 1e6);
			results.printf("Failed requests:             %d%n", timed.failures());
			results.printf("Service JVM largest resident memory: %,d MB (mean during the timed part %,d MB)%n",
					peakKb / 1024, timed.meanResidentKb() / 1024);
			results.printf("Kafka: %,d records, %,d spans counted back (sent with warm-up: %,d)%n", records,
					spansInKafka, expected);
			return (timed.failures() == 0 && spansInKafka == expected) ? 0 : 1;
		}
	}

	private long requests(long spans) {
		return (spans + this.options.batch() - 1) / this.options.batch();
	}

	private Run send(URI endpoint, List<byte[]> bodies, long requests, IngestProcess service) throws Exception {
		AtomicLong next = new AtomicLong();
		AtomicLong spans = new AtomicLong();
		AtomicLong failures = new AtomicLong();
		AtomicLong latency = new AtomicLong();
		AtomicLong maxLatency = new AtomicLong();
		ExecutorService senders = Executors.newFixedThreadPool(this.options.senders());
		List<Future<?>> running = new ArrayList<>();
		long start = System.nanoTime();
		for (int s = 0; s < this.options.senders(); s++) {
			running.add(senders.submit(() -> {
				HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
				long request;
				while ((request = next.getAndIncrement()) < requests) {
					byte[] body = bodies.get((int) (request % bodies.size()));
					long sent = System.nanoTime();
					try {
						HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(endpoint)
							.header("Content-Type", "application/x-protobuf")
							.POST(HttpRequest.BodyPublishers.ofByteArray(body))
							.build(), HttpResponse.BodyHandlers.ofByteArray());
						long took = System.nanoTime() - sent;
						latency.addAndGet(took);
						maxLatency.accumulateAndGet(took, Math::max);
						if (response.statusCode() == 200
								&& !ExportTraceServiceResponse.parseFrom(response.body()).hasPartialSuccess()) {
							spans.addAndGet(this.options.batch());
						}
						else {
							if (failures.incrementAndGet() <= 3) {
								log.warn("Request answered {}: {}", response.statusCode(),
										new String(response.body(), StandardCharsets.UTF_8));
							}
						}
					}
					catch (IOException ex) {
						failures.incrementAndGet();
						log.warn("Request failed: {}", ex.toString());
					}
				}
				return null;
			}));
		}
		long residentSum = 0;
		int samples = 0;
		while (running.stream().anyMatch((f) -> !f.isDone())) {
			Thread.sleep(500);
			residentSum += service.residentKb();
			samples++;
		}
		long nanos = System.nanoTime() - start;
		for (Future<?> future : running) {
			future.get();
		}
		senders.shutdown();
		return new Run(spans.get(), requests, failures.get(), nanos, latency.get(), maxLatency.get(),
				(samples > 0) ? residentSum / samples : 0);
	}

	private record Run(long spans, long requests, long failures, long nanos, long latencyNanos, long maxLatencyNanos,
			long meanResidentKb) {
	}

	/** Polls with empty exports until the receiver answers 200. */
	private static void awaitReceiver(IngestProcess service, URI endpoint, Path logFile) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (System.nanoTime() < deadline) {
			if (!service.isAlive()) {
				throw new IllegalStateException("ingest-service exited; see " + logFile);
			}
			try {
				HttpResponse<Void> response = http.send(HttpRequest.newBuilder(endpoint)
					.header("Content-Type", "application/x-protobuf")
					.POST(HttpRequest.BodyPublishers.noBody())
					.build(), HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("the OTLP receiver did not answer within 3 minutes; see " + logFile);
	}

	/** Request bodies as an OpenTelemetry SDK sends them: one resource per service. */
	static List<byte[]> bodies(int count, int batch, Random random) {
		List<byte[]> bodies = new ArrayList<>(count);
		long now = System.currentTimeMillis() * 1_000_000;
		String[] routes = { "/orders/{id}", "/cart", "/checkout", "/users/{id}", "/search", "/items/{id}" };
		for (int b = 0; b < count; b++) {
			ScopeSpans.Builder[] scopes = new ScopeSpans.Builder[SERVICES];
			for (int s = 0; s < SERVICES; s++) {
				scopes[s] = ScopeSpans.newBuilder()
					.setScope(InstrumentationScope.newBuilder()
						.setName("io.opentelemetry.tomcat-10.0")
						.setVersion("2.10.0-alpha"));
			}
			byte[] traceId = new byte[16];
			byte[] parent = null;
			for (int i = 0; i < batch; i++) {
				if (i % SPANS_PER_TRACE == 0) {
					random.nextBytes(traceId);
					parent = null;
				}
				byte[] spanId = new byte[8];
				random.nextBytes(spanId);
				int service = (i % SPANS_PER_TRACE) % SERVICES;
				String route = routes[random.nextInt(routes.length)];
				boolean server = (i % 2 == 0);
				long start = now + i * 1_000_000L;
				Span.Builder span = Span.newBuilder()
					.setTraceId(ByteString.copyFrom(traceId))
					.setSpanId(ByteString.copyFrom(spanId))
					.setName(server ? "GET " + route : "GET")
					.setKind(server ? Span.SpanKind.SPAN_KIND_SERVER : Span.SpanKind.SPAN_KIND_CLIENT)
					.setStartTimeUnixNano(start)
					.setEndTimeUnixNano(start + 1_000_000L + random.nextInt(50_000_000))
					.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_UNSET))
					.addAttributes(kv("http.request.method", "GET"))
					.addAttributes(kv("http.response.status_code", (random.nextInt(100) == 0) ? 503 : 200))
					.addAttributes(kv("network.protocol.version", "1.1"));
				if (parent != null) {
					span.setParentSpanId(ByteString.copyFrom(parent));
				}
				if (server) {
					span.addAttributes(kv("http.route", route))
						.addAttributes(kv("url.path", route.replace("{id}", Integer.toString(random.nextInt(10_000)))))
						.addAttributes(kv("url.scheme", "http"))
						.addAttributes(kv("client.address", "10.0.0." + random.nextInt(255)))
						.addAttributes(kv("user_agent.original", "Mozilla/5.0 (X11; Linux x86_64)"));
				}
				else {
					span.addAttributes(kv("server.address", "service-" + ((service + 1) % SERVICES)))
						.addAttributes(kv("server.port", 8080))
						.addAttributes(
								kv("url.full", "http://service-" + ((service + 1) % SERVICES) + ":8080" + route));
				}
				scopes[service].addSpans(span);
				parent = spanId;
			}
			ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
			for (int s = 0; s < SERVICES; s++) {
				request.addResourceSpans(ResourceSpans.newBuilder()
					.setResource(Resource.newBuilder()
						.addAttributes(kv("service.name", "bench-service-" + s))
						.addAttributes(kv("deployment.environment.name", "bench"))
						.addAttributes(kv("host.name", "bench-host-" + s))
						.addAttributes(kv("telemetry.sdk.language", "java"))
						.addAttributes(kv("telemetry.sdk.name", "opentelemetry"))
						.addAttributes(kv("telemetry.sdk.version", "1.55.0"))
						.addAttributes(kv("process.pid", 1000 + s)))
					.addScopeSpans(scopes[s]));
			}
			bodies.add(request.build().toByteArray());
		}
		return bodies;
	}

	private static KeyValue kv(String key, String value) {
		return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
	}

	private static KeyValue kv(String key, long value) {
		return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
	}

	private static long endOffsets(String kafka, String topic) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
			Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
			for (int p = 0; p < 6; p++) {
				latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
			}
			return admin.listOffsets(latest).all().get().values().stream().mapToLong((o) -> o.offset()).sum();
		}
	}

	/** Spans in the topic: every span object of our format has one serviceName field. */
	private static long countSpans(String kafka, String topic) {
		byte[] marker = "\"serviceName\":".getBytes(StandardCharsets.UTF_8);
		long spans = 0;
		try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(
				Map.of("bootstrap.servers", kafka, "group.id", "bench-count-" + UUID.randomUUID(), "auto.offset.reset",
						"earliest", "enable.auto.commit", "false"),
				new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
				new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
			consumer.subscribe(List.of(topic));
			int empty = 0;
			while (empty < 10) {
				var records = consumer.poll(Duration.ofMillis(500));
				empty = records.isEmpty() ? empty + 1 : 0;
				for (var record : records) {
					spans += occurrences(record.value(), marker);
				}
			}
		}
		return spans;
	}

	private static long occurrences(byte[] value, byte[] marker) {
		long count = 0;
		outer: for (int i = 0; i <= value.length - marker.length; i++) {
			for (int j = 0; j < marker.length; j++) {
				if (value[i + j] != marker[j]) {
					continue outer;
				}
			}
			count++;
		}
		return count;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	/** The command line. */
	record Options(long spans, long warmup, int senders, int batch, int bodies, Path jar, String javaOptions,
			Path workDir, List<String> ingestArguments) {

		static Options parse(List<String> args, Map<String, String> environment) {
			long spans = 2_000_000;
			long warmup = 300_000;
			int senders = 8;
			int batch = 512;
			int bodies = 200;
			Path jar = Path.of("ingest-service/target/ingest-service-0.1.0-SNAPSHOT.jar");
			String javaOptions = BenchmarkMain.serviceJavaOptions(environment);
			Path workDir = Path.of("ingest-service/target/bench");
			List<String> ingest = new ArrayList<>();
			for (int i = 0; i < args.size(); i++) {
				String arg = args.get(i);
				switch (arg) {
					case "--help", "-h" -> {
						return null;
					}
					case "--" -> {
						ingest.addAll(args.subList(i + 1, args.size()));
						i = args.size();
					}
					case "--spans" -> spans = positive(arg, value(args, ++i, arg));
					case "--warmup" -> warmup = Long.parseLong(value(args, ++i, arg));
					case "--senders" -> senders = (int) positive(arg, value(args, ++i, arg));
					case "--batch" -> batch = (int) positive(arg, value(args, ++i, arg));
					case "--bodies" -> bodies = (int) positive(arg, value(args, ++i, arg));
					case "--jar" -> jar = Path.of(value(args, ++i, arg));
					case "--java-opts" -> javaOptions = value(args, ++i, arg);
					case "--work-dir" -> workDir = Path.of(value(args, ++i, arg));
					default -> throw new IllegalArgumentException("unknown option " + arg);
				}
			}
			return new Options(spans, warmup, senders, batch, bodies, jar, javaOptions, workDir, ingest);
		}

		private static String value(List<String> args, int i, String option) {
			if (i >= args.size()) {
				throw new IllegalArgumentException(option + " needs a value");
			}
			return args.get(i);
		}

		private static long positive(String option, String value) {
			long number;
			try {
				number = Long.parseLong(value);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(option + " must be a number: " + value);
			}
			if (number <= 0) {
				throw new IllegalArgumentException(option + " must be positive: " + value);
			}
			return number;
		}

	}

}
