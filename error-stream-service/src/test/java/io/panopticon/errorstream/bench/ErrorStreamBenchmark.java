package io.panopticon.errorstream.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import io.panopticon.common.histogram.LatencyHistogram;
import io.panopticon.common.telemetry.ErrorLogRecord;
import io.panopticon.common.telemetry.LogEvent;
import io.panopticon.common.telemetry.LogLevel;
import io.panopticon.common.telemetry.TelemetryJson;
import io.panopticon.testing.BenchmarkMain;
import io.panopticon.testing.ServiceProcess;
import io.panopticon.testing.TestServers;
import io.panopticon.testing.TestTokens;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * The error stream benchmark (issue 5, "Benchmark"): how long an error log takes to reach
 * connected browsers. A command that prints figures, not a test; run it with
 * {@code infra/bench/error-stream-benchmark} (see {@code docs/performance.md}).
 * <ol>
 * <li>Starts Kafka and Elasticsearch through {@link TestServers} (or uses the ones
 * {@code PANOPTICON_TEST_KAFKA} and {@code PANOPTICON_TEST_ES} name), creates topics of
 * its own, and runs error-stream-service and ingest-service from their jars as JVMs of
 * their own.</li>
 * <li>Connects the STOMP clients (by default 10 to {@code /topic/error-logs} and 90
 * spread over the per-service topics of 30 services) in this JVM.</li>
 * <li>"stream": publishes error logs at the rate (default 200/s for 60 s) to the error
 * topic as ingest-service does, spread evenly over the services; every delivery to every
 * client is timed from just before the record was handed to the producer to its
 * arrival.</li>
 * <li>"chain": the same, but log events are produced to the log topic, so each goes
 * through ingest-service (Elasticsearch, then the error topic) before it reaches the
 * clients.</li>
 * </ol>
 * Prints, per phase, the deliveries expected and received and the latency percentiles.
 */
public final class ErrorStreamBenchmark {

	private static final Logger log = LoggerFactory.getLogger(ErrorStreamBenchmark.class);

	private static final String SEQUENCE = "bench.seq";

	static final String USAGE = """
			Usage: infra/bench/error-stream-benchmark [OPTIONS]

			  --rate N              error logs per second (default 200)
			  --duration S          seconds each phase publishes (default 60)
			  --all-clients N       clients on /topic/error-logs (default 10)
			  --service-clients N   clients on /topic/error-logs.<service> (default 90)
			  --services N          services the error logs and those clients are spread over (default 30)
			  --rate-limit N        the service's per-subscription rate limit (default 1000, above the rate,
			                        so that every error log is delivered and timed)
			  --skip-chain          leave out the phase through ingest-service
			  --java-opts "OPTS"    JVM options of the services (default $PANOPTICON_SERVICE_JAVA_OPTS,
			                        else those of the local stack)
			  --work-dir DIR        logs of the services (default error-stream-service/target/bench)

			Servers: PANOPTICON_TEST_KAFKA (host:port) and PANOPTICON_TEST_ES (URL) name running ones;
			otherwise Kafka runs in this JVM and Elasticsearch is started from the Maven repository.
			""";

	private final Options options;

	private final List<Phase> phases = new ArrayList<>();

	private ErrorStreamBenchmark(Options options) {
		this.options = options;
	}

	public static void main(String[] args) {
		BenchmarkMain.run("error stream benchmark", USAGE, args, Options::parse,
				(options) -> new ErrorStreamBenchmark(options).run());
	}

	private int run() throws Exception {
		Files.createDirectories(this.options.workDir());
		String loadAtStart = loadAverage();
		PrintStream results = System.out;
		System.setOut(System.err);
		String kafka;
		String elasticsearch;
		try {
			log.info("Starting Kafka and Elasticsearch (or using PANOPTICON_TEST_KAFKA / PANOPTICON_TEST_ES)");
			kafka = TestServers.kafkaBootstrapServers();
			elasticsearch = TestServers.elasticsearchUrl();
		}
		finally {
			System.setOut(results);
		}
		String run = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
		String spans = "bench-spans-" + run;
		String logs = "bench-logs-" + run;
		String errors = "bench-errors-" + run;
		createTopics(kafka, Map.of(spans, 1, logs, 6, errors, 3));
		Path publicKey = this.options.workDir().resolve("jwt-public.pem");
		Files.writeString(publicKey, TestTokens.publicKeyPem(), StandardCharsets.US_ASCII);
		List<String> javaOptions = List.of(this.options.javaOptions().trim().split("\\s+"));

		try (ServiceProcess stream = ServiceProcess.builder(ServiceProcess.moduleJar("error-stream-service"))
			.javaOptions(javaOptions.toArray(String[]::new))
			.property("spring.kafka.bootstrap-servers", kafka)
			.property("spring.elasticsearch.uris", elasticsearch)
			.property("panopticon.jwt.public-key", publicKey.toAbsolutePath().toString())
			.property("panopticon.topics.logs-error", errors)
			.property("panopticon.error-stream.subscription-rate-limit", Integer.toString(this.options.rateLimit()))
			.logFile(this.options.workDir().resolve("error-stream-service.log"))
			.start();
				ServiceProcess ingest = this.options.skipChain() ? null
						: ServiceProcess.builder(ServiceProcess.moduleJar("ingest-service"))
							.javaOptions(javaOptions.toArray(String[]::new))
							.property("spring.kafka.bootstrap-servers", kafka)
							.property("spring.elasticsearch.uris", elasticsearch)
							.property("panopticon.jwt.public-key", publicKey.toAbsolutePath().toString())
							.property("panopticon.topics.spans", spans)
							.property("panopticon.topics.logs", logs)
							.property("panopticon.topics.logs-error", errors)
							.property("spring.kafka.consumer.group-id", "bench-" + run)
							// Free ports for the receivers: a local stack may hold the
							// standard ones.
							.property("panopticon.ingest.receiver.otlp-http-port", "0")
							.property("panopticon.ingest.receiver.otlp-grpc-port", "0")
							.property("panopticon.ingest.receiver.zipkin-port", "0")
							.logFile(this.options.workDir().resolve("ingest-service.log"))
							.start();
				KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
						Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ProducerConfig.ACKS_CONFIG, "all",
								ProducerConfig.LINGER_MS_CONFIG, 1),
						new ByteArraySerializer(), new ByteArraySerializer())) {
			stream.awaitHealthy(Duration.ofSeconds(180));
			if (ingest != null) {
				ingest.awaitHealthy(Duration.ofSeconds(180));
			}
			Clients clients = Clients.connect(stream.port(), this.options);
			try {
				Phase warmUp = new Phase("warm-up", 0, this.options.rate() * 5, this.options);
				begin(warmUp);
				publishUntilReceived(producer, errors, warmUp, clients);
				// Then 10 s at the rate, so that the service and the clients run warm.
				Phase streamWarmUp = new Phase("warm-up", 4, this.options.rate() * 10, this.options);
				begin(streamWarmUp);
				publish(producer, errors, streamWarmUp, false);
				settle(streamWarmUp, Duration.ofSeconds(5));

				Phase direct = new Phase("stream", 1, this.options.rate() * this.options.duration(), this.options);
				begin(direct);
				log.info("Phase 'stream': {} error logs/s for {} s to {}", this.options.rate(), this.options.duration(),
						errors);
				publish(producer, errors, direct, false);
				settle(direct, Duration.ofSeconds(10));

				if (ingest != null) {
					// ingest-service has been idle so far: a cold pipeline (JIT, index
					// templates, the day's index) is start-up, not latency.
					Phase chainWarmUp = new Phase("warm-up", 3, this.options.rate() * 10, this.options);
					begin(chainWarmUp);
					log.info("Warming ingest-service up: {} ERROR logs/s for 10 s to {}", this.options.rate(), logs);
					publish(producer, logs, chainWarmUp, true);
					settle(chainWarmUp, Duration.ofSeconds(15));
					Phase chain = new Phase("chain", 2, this.options.rate() * this.options.duration(), this.options);
					begin(chain);
					log.info("Phase 'chain': {} ERROR logs/s for {} s to {}, through ingest-service",
							this.options.rate(), this.options.duration(), logs);
					publish(producer, logs, chain, true);
					settle(chain, Duration.ofSeconds(15));
				}
			}
			finally {
				clients.close();
			}
			report(loadAtStart, kafka, elasticsearch);
		}
		return this.phases.stream()
			.filter(Phase::measured)
			.allMatch((phase) -> phase.received.get() == phase.expected()) ? 0 : 1;
	}

	private void begin(Phase phase) {
		this.phases.add(phase);
		Phases.all = List.copyOf(this.phases);
	}

	/** Warm-up: publish until every client received something, then a while longer. */
	private void publishUntilReceived(KafkaProducer<byte[], byte[]> producer, String topic, Phase phase,
			Clients clients) throws InterruptedException {
		log.info("Warming up until every client has received an error log");
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (clients.silent() > 0) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(clients.silent() + " clients received nothing within 120 s");
			}
			for (int i = 0; i < this.options.services(); i++) {
				send(producer, topic, phase, phase.next(), false);
			}
			Thread.sleep(200);
		}
	}

	private void publish(KafkaProducer<byte[], byte[]> producer, String topic, Phase phase, boolean raw)
			throws InterruptedException {
		long interval = 1_000_000_000L / this.options.rate();
		long start = System.nanoTime();
		for (int i = 0; i < phase.events; i++) {
			long due = start + i * interval;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			send(producer, topic, phase, i, raw);
		}
		producer.flush();
	}

	private void send(KafkaProducer<byte[], byte[]> producer, String topic, Phase phase, int index, boolean raw) {
		String service = service(index % this.options.services());
		long sequence = phase.number * 100_000_000L + index;
		LogEvent event = new LogEvent(ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()), service, "prod",
				LogLevel.ERROR, "benchmark error " + index, null, null, Map.of(SEQUENCE, sequence));
		byte[] value;
		if (raw) {
			value = TelemetryJson.encode(event);
		}
		else {
			value = new ErrorLogRecord(UUID.randomUUID().toString(), event).encode();
		}
		if (index < phase.sent.length()) {
			phase.sent.set(index, System.nanoTime());
		}
		producer.send(new ProducerRecord<>(topic, service.getBytes(StandardCharsets.UTF_8), value));
	}

	private static void settle(Phase phase, Duration quiet) throws InterruptedException {
		long last = -1;
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (phase.received.get() < phase.expected() && System.nanoTime() < deadline) {
			long now = phase.received.get();
			if (now == last) {
				break;
			}
			last = now;
			Thread.sleep(quiet.toMillis());
		}
	}

	static String service(int index) {
		return String.format(Locale.ROOT, "bench-service-%02d", index);
	}

	private void report(String loadAtStart, String kafka, String elasticsearch) {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT,
				"%nError stream benchmark: %d error logs/s for %d s per phase, %d clients on /topic/error-logs, "
						+ "%d on the topics of %d services%n",
				this.options.rate(), this.options.duration(), this.options.allClients(), this.options.serviceClients(),
				this.options.services()));
		out.append(String.format(Locale.ROOT, "Kafka at %s, Elasticsearch at %s; service JVM options: %s%n", kafka,
				elasticsearch, this.options.javaOptions()));
		out.append(String.format(Locale.ROOT, "Machine: %d cores, load average %s at the start, %s at the end%n%n",
				Runtime.getRuntime().availableProcessors(), loadAtStart, loadAverage()));
		out.append(String.format(Locale.ROOT, "%-8s %9s %12s %12s %9s %9s %9s %9s %9s%n", "phase", "events",
				"deliveries", "received", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms"));
		for (Phase phase : this.phases.stream().filter(Phase::measured).toList()) {
			LatencyHistogram latencies = phase.latencies();
			out.append(String.format(Locale.ROOT, "%-8s %9d %12d %12d %9.1f %9.1f %9.1f %9.1f %9.1f%n", phase.name,
					phase.events, phase.expected(), phase.received.get(), latencies.percentile(50) / 1000,
					latencies.percentile(90) / 1000, latencies.percentile(99) / 1000, latencies.percentile(99.9) / 1000,
					latencies.percentile(100) / 1000));
		}
		out.append(String.format(Locale.ROOT,
				"%nstream: produce -> STOMP client, goal p99 < 250 ms; chain: produce to the log topic -> ingest-service"
						+ " -> error topic -> client, goal p99 < 1000 ms.%n"));
		System.out.print(out);
	}

	private static void createTopics(String kafka, Map<String, Integer> topics) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
			admin
				.createTopics(topics.entrySet()
					.stream()
					.map((topic) -> new NewTopic(topic.getKey(), topic.getValue(), (short) 1))
					.toList())
				.all()
				.get();
		}
	}

	private static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	/** One phase: what was sent when, and the latencies of what arrived. */
	static final class Phase {

		final String name;

		final int number;

		final int events;

		final AtomicLongArray sent;

		final AtomicLong received = new AtomicLong();

		private final AtomicLong nextIndex = new AtomicLong();

		private final ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();

		private final Options options;

		Phase(String name, int number, int events, Options options) {
			this.name = name;
			this.number = number;
			this.events = events;
			this.sent = new AtomicLongArray(events);
			this.options = options;
		}

		boolean measured() {
			return !this.name.equals("warm-up");
		}

		int next() {
			return (int) this.nextIndex.getAndIncrement();
		}

		/** Every event goes to every all-services client and to its service's clients. */
		long expected() {
			long total = 0;
			for (int i = 0; i < this.events; i++) {
				total += this.options.allClients() + Clients.perService(this.options, i % this.options.services());
			}
			return total;
		}

		void arrived(int index, long nanos) {
			if (index >= 0 && index < this.sent.length()) {
				long sentAt = this.sent.get(index);
				if (sentAt != 0) {
					this.micros.add((nanos - sentAt) / 1000);
				}
			}
			this.received.incrementAndGet();
		}

		LatencyHistogram latencies() {
			LatencyHistogram histogram = new LatencyHistogram();
			this.micros.forEach(histogram::record);
			return histogram;
		}

	}

	/** The STOMP clients, all in this JVM, on one WebSocket client. */
	private static final class Clients {

		private final WebSocketStompClient client;

		private final List<StompSession> sessions;

		private final AtomicLongArray counts;

		private Clients(WebSocketStompClient client, List<StompSession> sessions, AtomicLongArray counts) {
			this.client = client;
			this.sessions = sessions;
			this.counts = counts;
		}

		/** How many service clients the service of this index has. */
		static int perService(Options options, int service) {
			int base = options.serviceClients() / options.services();
			return base + ((service < options.serviceClients() % options.services()) ? 1 : 0);
		}

		int silent() {
			int silent = 0;
			for (int i = 0; i < this.counts.length(); i++) {
				silent += (this.counts.get(i) == 0) ? 1 : 0;
			}
			return silent;
		}

		static Clients connect(int port, Options options) throws Exception {
			WebSocketContainer container = ContainerProvider.getWebSocketContainer();
			container.setDefaultMaxTextMessageBufferSize(256 * 1024);
			WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient(container));
			client.setMessageConverter(new JacksonJsonMessageConverter());
			ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
			scheduler.setPoolSize(2);
			scheduler.setDaemon(true);
			scheduler.initialize();
			client.setTaskScheduler(scheduler);
			int total = options.allClients() + options.serviceClients();
			AtomicLongArray counts = new AtomicLongArray(total);
			List<StompSession> sessions = new ArrayList<>();
			Clients clients = new Clients(client, sessions, counts);
			log.info("Connecting {} STOMP clients", total);
			for (int i = 0; i < total; i++) {
				StompHeaders connect = new StompHeaders();
				connect.add("Authorization", "Bearer " + TestTokens.token("viewer"));
				StompSession session = client.connectAsync("ws://127.0.0.1:" + port + "/ws/error-logs",
						new WebSocketHttpHeaders(), connect, new StompSessionHandlerAdapter() {
						})
					.get(30, TimeUnit.SECONDS);
				session.setAutoReceipt(true);
				String destination = (i < options.allClients()) ? "/topic/error-logs"
						: "/topic/error-logs." + service((i - options.allClients()) % options.services());
				int client1 = i;
				CompletableFuture<Void> receipt = new CompletableFuture<>();
				StompSession.Subscription subscription = session.subscribe(destination, new StompFrameHandler() {

					@Override
					public Type getPayloadType(StompHeaders headers) {
						return JsonNode.class;
					}

					@Override
					public void handleFrame(StompHeaders headers, Object payload) {
						long now = System.nanoTime();
						JsonNode message = (JsonNode) payload;
						long sequence = message.path("attributes").path(SEQUENCE).asLong(-1);
						counts.incrementAndGet(client1);
						Phases.arrived(sequence, now);
					}

				});
				subscription.addReceiptTask(() -> receipt.complete(null));
				receipt.get(30, TimeUnit.SECONDS);
				sessions.add(session);
			}
			return clients;
		}

		void close() {
			for (StompSession session : this.sessions) {
				if (session.isConnected()) {
					session.disconnect();
				}
			}
			this.client.stop();
		}

	}

	/** Routes an arrival to its phase by the sequence number's range. */
	private static final class Phases {

		static volatile List<Phase> all = List.of();

		static void arrived(long sequence, long nanos) {
			if (sequence < 0) {
				return;
			}
			int number = (int) (sequence / 100_000_000L);
			for (Phase phase : all) {
				if (phase.number == number) {
					phase.arrived((int) (sequence % 100_000_000L), nanos);
				}
			}
		}

	}

	/**
	 * The command line.
	 *
	 * @param rate error logs per second
	 * @param duration seconds per phase
	 * @param allClients clients of /topic/error-logs
	 * @param serviceClients clients of per-service topics
	 * @param services services
	 * @param rateLimit the service's subscription rate limit
	 * @param skipChain whether to leave out ingest-service
	 * @param javaOptions the services' JVM options
	 * @param workDir where the logs go
	 */
	record Options(int rate, int duration, int allClients, int serviceClients, int services, int rateLimit,
			boolean skipChain, String javaOptions, Path workDir) {

		static Options parse(List<String> args, Map<String, String> environment) {
			int rate = 200;
			int duration = 60;
			int allClients = 10;
			int serviceClients = 90;
			int services = 30;
			int rateLimit = 1000;
			boolean skipChain = false;
			String javaOptions = BenchmarkMain.serviceJavaOptions(environment);
			Path workDir = Path.of("error-stream-service/target/bench");
			for (int i = 0; i < args.size(); i++) {
				String arg = args.get(i);
				switch (arg) {
					case "--help", "-h" -> {
						return null;
					}
					case "--skip-chain" -> skipChain = true;
					default -> {
						if (i + 1 >= args.size()) {
							throw new IllegalArgumentException("unknown option or missing value: " + arg);
						}
						String value = args.get(++i);
						switch (arg) {
							case "--rate" -> rate = positive(arg, value);
							case "--duration" -> duration = positive(arg, value);
							case "--all-clients" -> allClients = number(arg, value);
							case "--service-clients" -> serviceClients = number(arg, value);
							case "--services" -> services = positive(arg, value);
							case "--rate-limit" -> rateLimit = positive(arg, value);
							case "--java-opts" -> javaOptions = value;
							case "--work-dir" -> workDir = Path.of(value);
							default -> throw new IllegalArgumentException("unknown option " + arg);
						}
					}
				}
			}
			if (rate > 1_000_000_000) {
				throw new IllegalArgumentException("--rate is too high");
			}
			return new Options(rate, duration, allClients, serviceClients, services, rateLimit, skipChain, javaOptions,
					workDir);
		}

		private static int positive(String name, String value) {
			int number = number(name, value);
			if (number < 1) {
				throw new IllegalArgumentException(name + " must be at least 1, not " + value);
			}
			return number;
		}

		private static int number(String name, String value) {
			try {
				int number = Integer.parseInt(value.replace("_", "").replace(",", ""));
				if (number < 0) {
					throw new IllegalArgumentException(name + " must not be negative, not " + value);
				}
				return number;
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
			}
		}

	}

}
