package io.panopticon.alert.bench;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.panopticon.alert.AlertApplication;
import io.panopticon.alert.slo.Indicator;
import io.panopticon.alert.slo.SloDefinition;
import io.panopticon.alert.slo.SloEvaluator;
import io.panopticon.alert.slo.BurnRateAlert;
import io.panopticon.alert.slo.SloStore;
import io.panopticon.common.histogram.LatencyHistogram;
import io.panopticon.storage.IndexFamily;
import io.panopticon.storage.RollupTemplate;
import io.panopticon.storage.StorageClient;
import io.panopticon.testing.BenchmarkMain;
import io.panopticon.testing.TestServers;
import io.panopticon.testing.TestTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Measures one SLO evaluation turn (issue 18: goal under 1 s for 500 SLOs): alert-service
 * runs in this JVM on the machine's PostgreSQL (a fresh database) and the test harness's
 * Elasticsearch, which holds three days of minute rollups (with markers) for the SLOs'
 * services; every SLO is made due, and the turn (claim, the marker plan, the reads, one
 * transaction per SLO) is timed, over repeated turns. Run by
 * {@code infra/bench/slo-benchmark}.
 */
public final class SloBenchmark {

	private static final Logger log = LoggerFactory.getLogger(SloBenchmark.class);

	static final String USAGE = """
			Usage: infra/bench/slo-benchmark [--slos N] [--services N] [--hours H] [--turns N]
			  --slos N      SLOs to evaluate (default 500; a tenth of them throughput, the rest
			                error_rate and latency in turn)
			  --services N  services they are spread over (default 50)
			  --hours H     hours of minute rollups per service before now (default 72)
			  --turns N     timed evaluation turns (default 10)
			""";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final long MINUTE = 60_000;

	private SloBenchmark() {
	}

	public static void main(String[] args) {
		BenchmarkMain.run("slo benchmark", USAGE, args, Options::parse, SloBenchmark::run);
	}

	static int run(Options options) throws Exception {
		// Command-line arguments, which win over application.yml: its defaults name the
		// local stack's database and port.
		Map<String, String> settings = Map.ofEntries(Map.entry("server.port", "0"),
				Map.entry("spring.datasource.url", TestServers.postgresJdbcUrl()),
				Map.entry("spring.datasource.username", TestServers.postgresUsername()),
				Map.entry("spring.datasource.password", TestServers.postgresPassword()),
				Map.entry("spring.kafka.bootstrap-servers", TestServers.kafkaBootstrapServers()),
				Map.entry("spring.elasticsearch.uris", TestServers.elasticsearchUrl()),
				Map.entry("panopticon.jwt.public-key", TestTokens.publicKeyPem()),
				Map.entry("panopticon.jwt.private-key", TestTokens.privateKeyPem()),
				Map.entry("panopticon.secret-key", "benchmark-secret-key-of-some-length-0123"),
				Map.entry("panopticon.admin.username", "bench-admin"),
				Map.entry("panopticon.admin.password", "Bench-Mark-Lighthouse-42"),
				Map.entry("panopticon.alert.evaluation.enabled", "false"),
				Map.entry("logging.level.io.panopticon.alert.slo", "debug"),
				Map.entry("panopticon.alert.evaluation.batch-size", Integer.toString(options.slos())));
		String[] arguments = settings.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AlertApplication.class)
			.run(arguments)) {
			StorageClient storage = context.getBean(StorageClient.class);
			new RollupTemplate(storage, 0, Duration.ofSeconds(1)).ensureInstalled();
			long now = Instant.now().toEpochMilli();
			long documents = seed(storage, options, Math.floorDiv(now, MINUTE) * MINUTE);
			log.info("Seeded {} rollups and markers ({} services, {} h)", documents, options.services(),
					options.hours());
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			createSlos(context, options);
			SloEvaluator evaluator = context.getBean(SloEvaluator.class);
			// Two turns to warm up the JVM and Elasticsearch's caches.
			for (int i = 0; i < 2; i++) {
				turn(jdbc, evaluator);
			}
			long[] millis = new long[options.turns()];
			for (int i = 0; i < options.turns(); i++) {
				millis[i] = turn(jdbc, evaluator);
			}
			Arrays.sort(millis);
			log.info("SLO evaluation turn, {} SLOs over {} services: median {} ms, p95 {} ms, max {} ms ({} turns)",
					options.slos(), options.services(), millis[millis.length / 2],
					millis[Math.min(millis.length - 1, (int) Math.ceil(millis.length * 0.95) - 1)],
					millis[millis.length - 1], millis.length);
		}
		return 0;
	}

	private static long turn(JdbcTemplate jdbc, SloEvaluator evaluator) {
		jdbc.update("update slos set next_evaluation_at = now() - interval '1 second'");
		long start = System.nanoTime();
		int evaluated = evaluator.evaluateDue();
		long millis = (System.nanoTime() - start) / 1_000_000;
		log.info("Turn: {} SLOs in {} ms", evaluated, millis);
		return millis;
	}

	private static void createSlos(ConfigurableApplicationContext context, Options options) {
		SloStore store = context.getBean(SloStore.class);
		Indicator[] kinds = { Indicator.ERROR_RATE, Indicator.LATENCY };
		for (int i = 0; i < options.slos(); i++) {
			String service = "bench-" + (i % options.services());
			Indicator indicator = (i % 10 == 9) ? Indicator.THROUGHPUT : kinds[i % 2];
			Double threshold = switch (indicator) {
				case ERROR_RATE -> null;
				case LATENCY -> 250.0;
				case THROUGHPUT -> 50.0;
			};
			store.create(new SloDefinition("bench " + i, service, null, null, indicator, threshold, 99.9, 28,
					List.of(1L), Map.of(), BurnRateAlert.DEFAULTS), "bench", Instant.now());
		}
	}

	/** Minute rollups of every service and the markers, as the aggregator writes them. */
	private static long seed(StorageClient storage, Options options, long minute) {
		ByteArrayOutputStream bulk = new ByteArrayOutputStream();
		long documents = 0;
		int fast = LatencyHistogram.bucketOf(100_000);
		int slow = LatencyHistogram.bucketOf(900_000);
		List<String> indices = new ArrayList<>();
		for (long m = minute - options.hours() * 60 * MINUTE; m < minute - MINUTE; m += MINUTE) {
			String index = IndexFamily.METRICS_1M.indexFor(Instant.ofEpochMilli(m));
			if (!indices.contains(index)) {
				indices.add(index);
			}
			for (int s = 0; s < options.services(); s++) {
				ObjectNode doc = JSON.createObjectNode();
				doc.put("@timestamp", Instant.ofEpochMilli(m).toString());
				doc.put("resolution", "1m").put("kind", "service").put("serviceName", "bench-" + s);
				doc.put("requests", 120).put("errors", (m / MINUTE) % 7).put("durationSumMicros", 120 * 150_000L);
				var latency = doc.putArray("latency");
				latency.addObject().put("bucket", fast).put("count", 115);
				latency.addObject().put("bucket", slow).put("count", 5);
				add(bulk, index, "bench-" + s + "-" + m, doc);
				documents++;
			}
			ObjectNode marker = JSON.createObjectNode();
			marker.put("@timestamp", Instant.ofEpochMilli(m).toString());
			marker.put("resolution", "1m").put("kind", "marker").put("spans", 0).put("windowSpans", 0);
			add(bulk, index, "marker-1m-" + m, marker);
			documents++;
			if (bulk.size() > 8 * 1024 * 1024) {
				storage.bulk(bulk.toByteArray());
				bulk.reset();
			}
		}
		if (bulk.size() > 0) {
			storage.bulk(bulk.toByteArray());
		}
		storage.refresh(IndexFamily.METRICS_1M.pattern());
		return documents;
	}

	private static void add(ByteArrayOutputStream bulk, String index, String id, ObjectNode document) {
		ObjectNode action = JSON.createObjectNode();
		action.putObject("index").put("_index", index).put("_id", id);
		bulk.writeBytes(JSON.writeValueAsBytes(action));
		bulk.write('\n');
		bulk.writeBytes(JSON.writeValueAsBytes(document));
		bulk.write('\n');
	}

	record Options(int slos, int services, int hours, int turns) {

		static Options parse(List<String> args, Map<String, String> environment) {
			Map<String, Integer> given = NumberOptions.read(args, 1, "--slos", "--services", "--hours", "--turns");
			if (given == null) {
				return null;
			}
			return new Options(given.getOrDefault("--slos", 500), given.getOrDefault("--services", 50),
					given.getOrDefault("--hours", 72), given.getOrDefault("--turns", 10));
		}

	}

}
