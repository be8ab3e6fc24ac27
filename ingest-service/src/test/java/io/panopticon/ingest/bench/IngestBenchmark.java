package io.panopticon.ingest.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import io.panopticon.storage.IndexTemplates;
import io.panopticon.storage.StorageClient;
import io.panopticon.testing.BenchmarkMain;
import io.panopticon.testing.TestServers;
import io.panopticon.testing.TestTokens;
import org.apache.hc.core5.util.Timeout;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest benchmark (issue 3, "Benchmark"): how fast ingest-service moves spans from
 * Kafka into Elasticsearch, next to what this machine's Elasticsearch can take at all. A
 * command that prints figures, not a test; run it with
 * {@code infra/bench/ingest-benchmark} (see {@code docs/performance.md}).
 * <ol>
 * <li>Starts Kafka and Elasticsearch through {@link TestServers} (or uses the ones
 * {@code PANOPTICON_TEST_KAFKA} and {@code PANOPTICON_TEST_ES} name) and loads N spans
 * into a new topic of 6 partitions, one record per trace (5 to 20 spans, about 500 bytes
 * each), from the sample traffic model.</li>
 * <li>Each round, "limit": into empty {@code traces-apm-*} indices with the service's
 * index templates, a direct loader sends the same documents with the same ids
 * ({@code _bulk}, {@code op_type=create}, bodies of at most 5 MB, 2 connections), timed
 * from the first request to the last answer.</li>
 * <li>Each round, "ingest": into empty indices again, ingest-service runs as its own JVM
 * from its jar with a new consumer group, timed from process start until the document
 * count of acknowledged index operations on {@code traces-apm-*} (polled every 100 ms
 * without forcing a refresh) reaches N; its resident memory is sampled from
 * {@code /proc}, and its kernel high-water mark read before it is stopped.</li>
 * </ol>
 * Prints each round and the medians: limit and ingest documents per second, their ratio,
 * the ingest JVM's largest resident set, and dropped spans (N minus the count reached);
 * also the seconds until the first document was counted and the rate from then on, which
 * leave the JVM's start-up out.
 */
public final class IngestBenchmark {

	private static final Logger log = LoggerFactory.getLogger(IngestBenchmark.class);

	private static final String TRACES = "traces-apm-*";

	private static final int BODY_BYTES = 5 * 1024 * 1024;

	private static final int CONNECTIONS = 2;

	/**
	 * How often the count is read: the direct loader's time is exact, so the service's
	 * must not be rounded up by much more than that.
	 */
	private static final Duration POLL = Duration.ofMillis(100);

	/** The service's defaults for its span indices (panopticon.ingest.index.*). */
	private static final IndexTemplates.Settings INDEX_SETTINGS = new IndexTemplates.Settings(0, Duration.ofSeconds(5));

	static final String USAGE = """
			Usage: infra/bench/ingest-benchmark [OPTIONS] [-- INGEST-SERVICE ARGUMENTS]

			  --spans N            spans to load into Kafka (default 1000000)
			  --rounds N           rounds; the medians are reported (default 3)
			  --skip-limit         leave out the direct loader
			  --skip-ingest        leave out ingest-service (loading and the direct loader only)
			  --warmup N           documents the direct loader indexes, untimed, before the first round (default 200000; 0: none)
			  --partitions N       partitions of the span topic (default 6)
			  --seed N             seed of the sample traffic model (default 20251121)
			  --jar PATH           the ingest-service jar (default ingest-service/target/ingest-service-0.1.0-SNAPSHOT.jar)
			  --java-opts "OPTS"   JVM options of ingest-service (default $PANOPTICON_SERVICE_JAVA_OPTS,
			                       else those of the local stack)
			  --stall-timeout S    end an ingest round when the count has not grown for S seconds (default 120)
			  --work-dir DIR       logs of the ingest runs and the bulk bodies (default ingest-service/target/bench)

			Arguments after -- go to ingest-service, e.g. -- --panopticon.ingest.bulk.batch-size=1000
			Servers: PANOPTICON_TEST_KAFKA (host:port) and PANOPTICON_TEST_ES (URL) name running ones;
			otherwise Kafka runs in this JVM and Elasticsearch is started from the Maven repository.
			""";

	private final Options options;

	private IngestBenchmark(Options options) {
		this.options = options;
	}

	public static void main(String[] args) {
		BenchmarkMain.run("ingest benchmark", USAGE, args, Options::parse,
				(options) -> new IngestBenchmark(options).run());
	}

	private int run() throws Exception {
		if (!this.options.skipIngest() && !Files.isRegularFile(this.options.jar())) {
			throw new IllegalStateException(this.options.jar() + " does not exist; build it first (the script does)");
		}
		Files.createDirectories(this.options.workDir());
		String loadAtStart = loadAverage();
		log.info("Starting Kafka and Elasticsearch (or using PANOPTICON_TEST_KAFKA / PANOPTICON_TEST_ES)");
		// Kafka's storage formatter prints to standard output, which is for the results.
		PrintStream results = System.out;
		System.setOut(System.err);
		String kafka;
		String elasticsearch;
		try {
			kafka = TestServers.kafkaBootstrapServers();
			elasticsearch = TestServers.elasticsearchUrl();
		}
		finally {
			System.setOut(results);
		}
		String runId = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
		String topic = "bench-spans-" + runId;
		try (Rest5Client client = Rest5Client.builder(URI.create(elasticsearch))
			.setRequestConfigCallback((config) -> config.setResponseTimeout(Timeout.ofMinutes(5)))
			.build();
				BulkBodyFile bodies = BulkBodyFile.create(this.options.workDir().resolve("bulk-bodies.ndjson"),
						BODY_BYTES)) {
			ElasticsearchAdmin admin = new ElasticsearchAdmin(client);
			admin.waitForYellow();
			String version = admin.version();
			log.info("Loading {} spans into {} ({} partitions) at {}", this.options.spans(), topic,
					this.options.partitions(), kafka);
			SpanLoad.Result load = SpanLoad.load(kafka, topic, this.options.partitions(), this.options.spans(),
					this.options.seed(), bodies);
			log.info("Loaded {} spans in {} traces ({} bytes of JSON per span) in {} s; {} bulk bodies of up to 5 MB",
					load.spans(), load.traces(), load.bytes() / load.spans(), load.took().toSeconds(),
					bodies.bodies().size());
			IndexTemplates templates = new IndexTemplates(new StorageClient(client), INDEX_SETTINGS);
			Path publicKey = this.options.workDir().resolve("jwt-public.pem");
			Files.writeString(publicKey, TestTokens.publicKeyPem(), StandardCharsets.US_ASCII);

			if (this.options.warmup() > 0) {
				warmUp(client, admin, templates, bodies);
			}
			List<Round> rounds = new ArrayList<>();
			for (int round = 1; round <= this.options.rounds(); round++) {
				Round result = new Round(round);
				if (!this.options.skipLimit()) {
					admin.deleteIndices(TRACES);
					templates.ensureInstalled();
					log.info("Round {}: direct loader", round);
					long esCpu = admin.cpuMillis();
					result.limit = new DirectLoader(client, CONNECTIONS).load(bodies, bodies.bodies());
					result.limitEsCpuMillis = admin.cpuMillis() - esCpu;
					result.limitCount = admin.refreshAndCount(TRACES);
					log.info("Round {}: direct loader indexed {} documents in {} ms ({} docs/s), {} refused", round,
							result.limitCount, result.limit.took().toMillis(), Math.round(result.limit.docsPerSecond()),
							result.limit.failed());
				}
				if (!this.options.skipIngest()) {
					admin.deleteIndices(TRACES);
					result.ingest = ingest(round, runId, topic, kafka, elasticsearch, publicKey, admin);
				}
				admin.deleteIndices(TRACES);
				rounds.add(result);
			}
			report(rounds, load, version, elasticsearch, kafka, loadAtStart);
			boolean ingestOk = rounds.stream()
				.allMatch((round) -> round.ingest == null || round.ingest.count() == this.options.spans());
			boolean limitOk = rounds.stream()
				.allMatch((round) -> round.limit == null || round.limitCount == this.options.spans());
			return (ingestOk && limitOk) ? 0 : 1;
		}
	}

	/**
	 * Indexes the first documents once, untimed, and deletes them again: a cold
	 * Elasticsearch (and a cold JIT in this JVM) indexes several times slower at first,
	 * which would understate the limit of the first round.
	 */
	private void warmUp(Rest5Client client, ElasticsearchAdmin admin, IndexTemplates templates, BulkBodyFile bodies)
			throws IOException, InterruptedException {
		List<BulkBodyFile.Body> warmUp = new ArrayList<>();
		long documents = 0;
		for (BulkBodyFile.Body body : bodies.bodies()) {
			if (documents >= this.options.warmup()) {
				break;
			}
			warmUp.add(body);
			documents += body.items();
		}
		log.info("Warming Elasticsearch up with {} documents (not timed)", documents);
		admin.deleteIndices(TRACES);
		templates.ensureInstalled();
		new DirectLoader(client, CONNECTIONS).load(bodies, warmUp);
		admin.deleteIndices(TRACES);
	}

	private IngestRun ingest(int round, String runId, String topic, String kafka, String elasticsearch, Path publicKey,
			ElasticsearchAdmin admin) throws IOException, InterruptedException, ExecutionException {
		long spans = this.options.spans();
		long deadLetteredBefore = endOffsets(kafka, topic + ".dlq");
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		if (!this.options.javaOptions().isBlank()) {
			command.addAll(Arrays.asList(this.options.javaOptions().trim().split("\\s+")));
		}
		command.addAll(List.of("-jar", this.options.jar().toString(), "--server.port=0",
				"--spring.kafka.bootstrap-servers=" + kafka, "--spring.elasticsearch.uris=" + elasticsearch,
				"--panopticon.jwt.public-key=" + publicKey.toAbsolutePath(),
				"--spring.kafka.consumer.group-id=bench-" + runId + "-" + round,
				"--spring.kafka.consumer.auto-offset-reset=earliest", "--panopticon.topics.spans=" + topic,
				// Empty topics of its own for logs, so that nothing else is consumed.
				"--panopticon.topics.logs=" + topic + ".logs",
				"--panopticon.topics.logs-error=" + topic + ".logs.error",
				"--panopticon.ingest.throughput.target-count=" + spans));
		command.addAll(this.options.ingestArguments());
		Path logFile = this.options.workDir().resolve("ingest-round-" + round + ".log");
		log.info("Round {}: ingest-service, log {}", round, logFile);
		long count = 0;
		long previousCount = 0;
		long completedNanos = -1;
		long firstDocumentNanos = -1;
		long lastGrowthNanos = 0;
		long maxResidentKb = 0;
		long elapsed;
		String problem = null;
		long esCpu = admin.cpuMillis();
		long benchCpu = ownCpuMillis();
		long serviceCpu = 0;
		Map<IngestProcess.ThreadKind, Long> serviceThreads = Map.of();
		try (IngestProcess process = IngestProcess.start(command, logFile)) {
			long nextProgress = Duration.ofSeconds(10).toNanos();
			while (true) {
				Thread.sleep(POLL.toMillis());
				maxResidentKb = Math.max(maxResidentKb, process.residentKb());
				if (!process.isAlive()) {
					problem = "ingest-service exited early; see " + logFile;
					elapsed = process.elapsedNanos();
					break;
				}
				try {
					count = admin.indexedCount(TRACES);
				}
				catch (IOException ex) {
					log.warn("Round {}: counting failed: {}", round, ex.toString());
				}
				elapsed = process.elapsedNanos();
				if (count > previousCount) {
					previousCount = count;
					lastGrowthNanos = elapsed;
				}
				if (count > 0 && firstDocumentNanos < 0) {
					firstDocumentNanos = elapsed;
				}
				if (count >= spans) {
					completedNanos = elapsed;
					break;
				}
				if (count > 0 && elapsed - lastGrowthNanos > this.options.stallTimeout().toNanos()) {
					problem = "no progress for " + this.options.stallTimeout().toSeconds() + " s";
					break;
				}
				if (count == 0 && elapsed > this.options.stallTimeout().toNanos() * 2) {
					problem = "nothing indexed after " + Duration.ofNanos(elapsed).toSeconds() + " s; see " + logFile;
					break;
				}
				if (elapsed >= nextProgress) {
					log.info("Round {}: {} of {} spans indexed after {} s, resident {} MB", round, count, spans,
							Duration.ofNanos(elapsed).toSeconds(), process.residentKb() / 1024);
					nextProgress += Duration.ofSeconds(10).toNanos();
				}
			}
			maxResidentKb = Math.max(maxResidentKb, process.peakResidentKb());
			serviceCpu = process.cpuMillis();
			serviceThreads = process.threadCpuMillis();
			esCpu = admin.cpuMillis() - esCpu;
			benchCpu = ownCpuMillis() - benchCpu;
			process.stop(Duration.ofSeconds(30));
			// What is searchable decides what was dropped, not the acknowledged
			// operations.
			count = admin.refreshAndCount(TRACES);
		}
		long deadLettered = endOffsets(kafka, topic + ".dlq") - deadLetteredBefore;
		IngestRun run = new IngestRun(count, (completedNanos >= 0) ? completedNanos : elapsed, completedNanos >= 0,
				firstDocumentNanos, maxResidentKb, deadLettered, problem,
				new CpuUse(esCpu, serviceCpu, benchCpu, serviceThreads));
		log.info("Round {}: ingest-service indexed {} of {} spans in {} ms ({} docs/s), max resident {} MB{}", round,
				count, spans, run.nanos() / 1_000_000, Math.round(run.docsPerSecond()), maxResidentKb / 1024,
				(problem != null) ? "; " + problem : "");
		return run;
	}

	/**
	 * The sum of a topic's end offsets: how many records it ever got; 0 if it does not
	 * exist.
	 */
	private static long endOffsets(String kafka, String topic) throws InterruptedException, ExecutionException {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
			TopicDescription description;
			try {
				description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
					return 0;
				}
				throw ex;
			}
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			description.partitions()
				.forEach((partition) -> latest.put(new TopicPartition(topic, partition.partition()),
						OffsetSpec.latest()));
			return admin.listOffsets(latest).all().get().values().stream().mapToLong((info) -> info.offset()).sum();
		}
	}

	/** CPU time of this JVM: the in-JVM Kafka broker, if any, and the polling. */
	private static long ownCpuMillis() {
		return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
	}

	private void report(List<Round> rounds, SpanLoad.Result load, String version, String elasticsearch, String kafka,
			String loadAtStart) {
		StringBuilder out = new StringBuilder();
		out.append('\n')
			.append(String.format(Locale.ROOT,
					"Ingest benchmark: %,d spans in %,d traces (%d bytes of JSON per span), topic of %d partitions%n",
					load.spans(), load.traces(), load.bytes() / load.spans(), this.options.partitions()));
		out.append(String.format(Locale.ROOT, "Elasticsearch %s at %s, Kafka at %s%n", version, elasticsearch, kafka));
		out.append(String.format(Locale.ROOT,
				"Machine: %d cores, load average %s at the start, %s at the end; ingest JVM options: %s%n",
				Runtime.getRuntime().availableProcessors(), loadAtStart, loadAverage(), this.options.javaOptions()));
		out.append(String.format(Locale.ROOT, "%n%-8s %14s %15s %7s %10s %13s %15s %12s %9s %9s%n", "round",
				"limit docs/s", "ingest docs/s", "ratio", "ingest s", "first doc s", "steady docs/s", "max RSS MB",
				"dropped", "DLQ"));
		for (Round round : rounds) {
			out.append(row(Integer.toString(round.number), round.limitRate(), round.ingestRate(), round.ratio(),
					round.ingestSeconds(), round.firstDocumentSeconds(), round.steadyRate(), round.residentMb(),
					round.dropped(), round.deadLettered()));
		}
		out.append(row("median", median(rounds, Round::limitRate), median(rounds, Round::ingestRate),
				median(rounds, Round::ratio), median(rounds, Round::ingestSeconds),
				median(rounds, Round::firstDocumentSeconds), median(rounds, Round::steadyRate),
				median(rounds, Round::residentMb), median(rounds, Round::dropped),
				median(rounds, Round::deadLettered)));
		out.append(String.format(Locale.ROOT,
				"%nCPU time per document, µs (from process CPU times):%n%-8s %12s %12s %12s %14s%n", "round",
				"limit: ES", "ingest: ES", "ingest JVM", "benchmark JVM"));
		for (Round round : rounds) {
			out.append(cpuRow(Integer.toString(round.number), round.limitEsCpuPerDocument(),
					round.cpuPerDocument(CpuUse::elasticsearchMillis), round.cpuPerDocument(CpuUse::serviceMillis),
					round.cpuPerDocument(CpuUse::benchmarkMillis)));
		}
		out.append(cpuRow("median", median(rounds, Round::limitEsCpuPerDocument),
				median(rounds, (round) -> round.cpuPerDocument(CpuUse::elasticsearchMillis)),
				median(rounds, (round) -> round.cpuPerDocument(CpuUse::serviceMillis)),
				median(rounds, (round) -> round.cpuPerDocument(CpuUse::benchmarkMillis))));
		out.append(String.format(Locale.ROOT,
				"%nCPU time per document of the ingest JVM by thread, µs (/proc):%n%-8s %12s %12s %12s %12s %12s%n",
				"round", "JIT", "GC", "consumers", "main", "other"));
		for (Round round : rounds) {
			out.append(String.format(Locale.ROOT, "%-8s", round.number));
			for (IngestProcess.ThreadKind kind : IngestProcess.ThreadKind.values()) {
				out.append(String.format(Locale.ROOT, " %12s",
						number(round.cpuPerDocument((cpu) -> cpu.serviceThreadMillis(kind)), "%.1f")));
			}
			out.append(String.format(Locale.ROOT, "%n"));
		}
		for (Round round : rounds) {
			if (round.ingest != null && round.ingest.problem() != null) {
				out.append(String.format(Locale.ROOT, "round %d: %s%n", round.number, round.ingest.problem()));
			}
			if (round.limit != null && round.limitCount != this.options.spans()) {
				out.append(String.format(Locale.ROOT, "round %d: the direct loader left %,d documents, not %,d%n",
						round.number, round.limitCount, this.options.spans()));
			}
		}
		out.append(String.format(Locale.ROOT,
				"%nGoal (issue 3): ingest >= 80 %% of the limit, max RSS < 512 MB, nothing dropped.%n"));
		System.out.print(out);
	}

	private static String row(String name, double limit, double ingest, double ratio, double seconds, double first,
			double steady, double resident, double dropped, double deadLettered) {
		return String.format(Locale.ROOT, "%-8s %14s %15s %7s %10s %13s %15s %12s %9s %9s%n", name,
				number(limit, "%,.0f"), number(ingest, "%,.0f"), number(ratio * 100, "%.0f %%"),
				number(seconds, "%.1f"), number(first, "%.1f"), number(steady, "%,.0f"), number(resident, "%.0f"),
				number(dropped, "%,.0f"), number(deadLettered, "%,.0f"));
	}

	private static String cpuRow(String name, double limitEs, double ingestEs, double service, double benchmark) {
		return String.format(Locale.ROOT, "%-8s %12s %12s %12s %14s%n", name, number(limitEs, "%.1f"),
				number(ingestEs, "%.1f"), number(service, "%.1f"), number(benchmark, "%.1f"));
	}

	private static String number(double value, String format) {
		return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, format, value);
	}

	private static double median(List<Round> rounds, ToDoubleFunction<Round> figure) {
		double[] values = rounds.stream()
			.mapToDouble(figure)
			.filter((value) -> !Double.isNaN(value))
			.sorted()
			.toArray();
		if (values.length == 0) {
			return Double.NaN;
		}
		int middle = values.length / 2;
		return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
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

	/**
	 * One ingest-service run.
	 *
	 * @param count documents counted at the end
	 * @param nanos from process start until the count reached N, or until the run ended
	 * @param completed whether the count reached N
	 * @param firstDocumentNanos from process start until the first document was counted,
	 * or -1
	 * @param maxResidentKb the largest resident set size
	 * @param deadLettered records the run added to the dead-letter topic
	 * @param problem why the run ended early, or {@code null}
	 * @param cpu the CPU time the processes used during the run
	 */
	record IngestRun(long count, long nanos, boolean completed, long firstDocumentNanos, long maxResidentKb,
			long deadLettered, String problem, CpuUse cpu) {

		double docsPerSecond() {
			return this.count / (this.nanos / 1e9);
		}

	}

	/**
	 * CPU time used during an ingest run, in milliseconds.
	 *
	 * @param elasticsearchMillis by the Elasticsearch node
	 * @param serviceMillis by ingest-service, start-up included
	 * @param benchmarkMillis by the benchmark's own JVM (the in-JVM Kafka broker unless
	 * {@code PANOPTICON_TEST_KAFKA} names another)
	 * @param serviceThreads by ingest-service's live threads, by what they do
	 */
	record CpuUse(long elasticsearchMillis, long serviceMillis, long benchmarkMillis,
			Map<IngestProcess.ThreadKind, Long> serviceThreads) {

		long serviceThreadMillis(IngestProcess.ThreadKind kind) {
			return this.serviceThreads.getOrDefault(kind, 0L);
		}

	}

	private final class Round {

		final int number;

		DirectLoader.Result limit;

		long limitCount;

		long limitEsCpuMillis;

		IngestRun ingest;

		Round(int number) {
			this.number = number;
		}

		double limitRate() {
			return (this.limit != null) ? this.limit.docsPerSecond() : Double.NaN;
		}

		double ingestRate() {
			return (this.ingest != null && this.ingest.completed()) ? this.ingest.docsPerSecond() : Double.NaN;
		}

		double ratio() {
			return ingestRate() / limitRate();
		}

		double limitEsCpuPerDocument() {
			return (this.limit != null && this.limitCount > 0) ? this.limitEsCpuMillis * 1000.0 / this.limitCount
					: Double.NaN;
		}

		double cpuPerDocument(ToLongFunction<CpuUse> millis) {
			return (this.ingest != null && this.ingest.count() > 0)
					? millis.applyAsLong(this.ingest.cpu()) * 1000.0 / this.ingest.count() : Double.NaN;
		}

		double ingestSeconds() {
			return (this.ingest != null) ? this.ingest.nanos() / 1e9 : Double.NaN;
		}

		double firstDocumentSeconds() {
			return (this.ingest != null && this.ingest.firstDocumentNanos() >= 0)
					? this.ingest.firstDocumentNanos() / 1e9 : Double.NaN;
		}

		/** From the first document counted to the last: the rate without the start-up. */
		double steadyRate() {
			if (this.ingest == null || !this.ingest.completed() || this.ingest.firstDocumentNanos() < 0
					|| this.ingest.nanos() <= this.ingest.firstDocumentNanos()) {
				return Double.NaN;
			}
			return this.ingest.count() / ((this.ingest.nanos() - this.ingest.firstDocumentNanos()) / 1e9);
		}

		double residentMb() {
			return (this.ingest != null) ? this.ingest.maxResidentKb() / 1024.0 : Double.NaN;
		}

		double dropped() {
			return (this.ingest != null) ? IngestBenchmark.this.options.spans() - this.ingest.count() : Double.NaN;
		}

		double deadLettered() {
			return (this.ingest != null) ? this.ingest.deadLettered() : Double.NaN;
		}

	}

	/**
	 * The command line.
	 *
	 * @param spans spans to load
	 * @param rounds rounds to run
	 * @param skipLimit whether to leave out the direct loader
	 * @param skipIngest whether to leave out ingest-service
	 * @param warmup documents to index untimed before the first round
	 * @param partitions partitions of the span topic
	 * @param seed the traffic model's seed
	 * @param jar the ingest-service jar
	 * @param javaOptions JVM options of ingest-service
	 * @param stallTimeout how long an ingest round may go without progress
	 * @param workDir where logs and the bulk bodies go
	 * @param ingestArguments extra arguments for ingest-service
	 */
	record Options(long spans, int rounds, boolean skipLimit, boolean skipIngest, long warmup, int partitions,
			long seed, Path jar, String javaOptions, Duration stallTimeout, Path workDir,
			List<String> ingestArguments) {

		static Options parse(List<String> args, Map<String, String> environment) {
			long spans = 1_000_000;
			int rounds = 3;
			boolean skipLimit = false;
			boolean skipIngest = false;
			long warmup = 200_000;
			int partitions = 6;
			long seed = 20251121;
			Path jar = Path.of("ingest-service/target/ingest-service-0.1.0-SNAPSHOT.jar");
			String javaOptions = BenchmarkMain.serviceJavaOptions(environment);
			Duration stallTimeout = Duration.ofSeconds(120);
			Path workDir = Path.of("ingest-service/target/bench");
			List<String> ingestArguments = new ArrayList<>();
			for (int i = 0; i < args.size(); i++) {
				String arg = args.get(i);
				switch (arg) {
					case "--help", "-h" -> {
						return null;
					}
					case "--" -> {
						ingestArguments.addAll(args.subList(i + 1, args.size()));
						i = args.size();
					}
					case "--skip-limit" -> skipLimit = true;
					case "--skip-ingest" -> skipIngest = true;
					default -> {
						if (i + 1 >= args.size()) {
							throw new IllegalArgumentException("unknown option or missing value: " + arg);
						}
						String value = args.get(++i);
						switch (arg) {
							case "--spans" -> spans = positive(arg, value);
							case "--rounds" -> rounds = (int) positive(arg, value);
							case "--warmup" -> warmup = number(arg, value);
							case "--partitions" -> partitions = (int) positive(arg, value);
							case "--seed" -> seed = number(arg, value);
							case "--jar" -> jar = Path.of(value);
							case "--java-opts" -> javaOptions = value;
							case "--stall-timeout" -> stallTimeout = Duration.ofSeconds(positive(arg, value));
							case "--work-dir" -> workDir = Path.of(value);
							default -> throw new IllegalArgumentException("unknown option " + arg);
						}
					}
				}
			}
			if (skipLimit && skipIngest) {
				throw new IllegalArgumentException("--skip-limit and --skip-ingest leave nothing to measure");
			}
			return new Options(spans, rounds, skipLimit, skipIngest, warmup, partitions, seed, jar, javaOptions,
					stallTimeout, workDir, List.copyOf(ingestArguments));
		}

		private static long positive(String name, String value) {
			long number = number(name, value);
			if (number < 1) {
				throw new IllegalArgumentException(name + " must be at least 1, not " + value);
			}
			return number;
		}

		private static long number(String name, String value) {
			try {
				return Long.parseLong(value.replace("_", "").replace(",", ""));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
			}
		}

	}

}
