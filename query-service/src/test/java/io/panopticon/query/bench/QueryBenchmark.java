package io.panopticon.query.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.panopticon.testing.BenchmarkMain;
import io.panopticon.testing.ServiceProcess;
import io.panopticon.testing.TestServers;
import io.panopticon.testing.TestTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The query benchmark (issue 4, "Benchmark"): how fast query-service answers the
 * dashboard's questions over seven days of data, cold and cached. A command that prints
 * figures, not a test; run it with {@code infra/bench/query-benchmark} (see
 * {@code docs/performance.md}).
 * <ol>
 * <li>Uses the Elasticsearch that {@code PANOPTICON_TEST_ES} names (loaded beforehand,
 * with rollups), or starts one through {@link TestServers}; Redis likewise.</li>
 * <li>Runs query-service as its own JVM from its jar, with the local stack's JVM options,
 * a cache prefix of its own and the test signing key, and warms it up (untimed). Loaded
 * data ends when it was loaded, while live data reaches up to now: the rollup threshold
 * is raised so that the newest 15 minutes of the data are read from raw spans, as they
 * would be live.</li>
 * <li>For each question — the services list, the busiest service's metrics and its
 * endpoint ranking over {@code range=7d}, and a trace by id when the service has that
 * endpoint — measures <b>cold</b> answers (before each request the benchmark's cache keys
 * are deleted and {@code POST /_cache/clear} empties Elasticsearch's request, query and
 * field-data caches) and <b>cached</b> answers (the same question over a closed seven-day
 * range that ended ten minutes ago, asked once untimed, then answered from Redis).</li>
 * </ol>
 * Times are wall-clock, from sending the request to reading the whole body, on one
 * connection; p50 and p95 are nearest-rank.
 */
public final class QueryBenchmark {

	private static final Logger log = LoggerFactory.getLogger(QueryBenchmark.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * The newest minutes of data the service map reads raw: live, the aggregator rolls a
	 * minute up a grace delay (15 s) and up to one interval (15 s) after it ends.
	 */
	static final int MAP_RAW_MINUTES = 2;

	/** Data newer than this before the start is live: the map's ranges end now. */
	static final Duration LIVE = Duration.ofMinutes(5);

	/** The ranges of the service map question. */
	static final List<Duration> MAP_RANGES = List.of(Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(24),
			Duration.ofDays(7));

	static final String USAGE = """
			Usage: infra/bench/query-benchmark [OPTIONS] [-- QUERY-SERVICE ARGUMENTS]

			  --cold N             cold requests per question (default 40)
			  --cached N           cached requests per question (default 200)
			  --warmup N           untimed requests per question first (default 30)
			  --jar PATH           the query-service jar (default query-service/target/query-service-0.1.0-SNAPSHOT.jar)
			  --java-opts "OPTS"   JVM options of query-service (default $PANOPTICON_SERVICE_JAVA_OPTS,
			                       else those of the local stack)
			  --work-dir DIR       the service's log (default query-service/target/bench)
			  --questions WHICH    all (default), dashboard (services list, metrics, endpoints, trace)
			                       or service-map (the service map over 15m, 1h, 24h and 7d)
			  --map-ranges LIST    the service map's ranges (default 15m,1h,24h,7d)

			Servers: PANOPTICON_TEST_ES (URL, holding the data to query) and PANOPTICON_TEST_REDIS (host:port);
			otherwise the integration-test harness provides them (an empty Elasticsearch: load data first).
			""";

	private final Options options;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private QueryBenchmark(Options options) {
		this.options = options;
	}

	public static void main(String[] args) {
		BenchmarkMain.run("query benchmark", USAGE, args, Options::parse,
				(options) -> new QueryBenchmark(options).run());
	}

	private int run() throws Exception {
		String loadAtStart = loadAverage();
		PrintStream results = System.out;
		System.setOut(System.err);
		String elasticsearch;
		try {
			elasticsearch = TestServers.elasticsearchUrl();
		}
		finally {
			System.setOut(results);
		}
		String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + ":";
		LettuceConnectionFactory redisFactory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(TestServers.redisHost(), TestServers.redisPort()));
		redisFactory.afterPropertiesSet();
		StringRedisTemplate redis = new StringRedisTemplate(redisFactory);
		JsonNode counts = get(elasticsearch, "/traces-apm-*/_count?ignore_unavailable=true&allow_no_indices=true");
		long spans = counts.path("count").asLong();
		long dataEnd = newestSpan(elasticsearch);
		// Loaded data stops when the loader ran, while live data reaches up to now: the
		// newest ROLLUP_THRESHOLD_MINUTES (15) of data are read raw either way.
		long threshold = Math.max(15, (System.currentTimeMillis() - dataEnd) / 60_000 + 16);
		// The service map reads raw only what the aggregator has not rolled up yet: live,
		// the newest minute and a half (grace, interval and the open minute). With live
		// data the markers decide, and the map's ranges end now; with data loaded earlier
		// its newest MAP_RAW_MINUTES are read raw, and the map's windows end with it.
		boolean live = System.currentTimeMillis() - dataEnd < LIVE.toMillis();
		long mapThreshold = live ? 0 : (System.currentTimeMillis() - dataEnd) / 60_000 + MAP_RAW_MINUTES;
		log.info("Elasticsearch {} holds {} spans, the newest from {}; rollup threshold {} minutes, {} for the map",
				elasticsearch, spans, Instant.ofEpochMilli(dataEnd), threshold, mapThreshold);
		ServiceProcess.Builder builder = ServiceProcess.builder(this.options.jar())
			.javaOptions(this.options.javaOptions().trim().split("\\s+"))
			.property("spring.elasticsearch.uris", elasticsearch)
			.property("spring.data.redis.host", TestServers.redisHost())
			.property("spring.data.redis.port", Integer.toString(TestServers.redisPort()))
			.property("panopticon.jwt.public-key", TestTokens.publicKeyPem())
			.property("panopticon.query.cache-prefix", prefix)
			.property("panopticon.query.rollup-threshold", threshold + "m")
			.property("panopticon.query.service-map-rollup-threshold", mapThreshold + "m")
			.logFile(this.options.workDir().resolve("query-service.log"));
		this.options.serviceArguments().forEach((argument) -> {
			String[] pair = argument.replaceFirst("^--", "").split("=", 2);
			builder.property(pair[0], (pair.length > 1) ? pair[1] : "true");
		});
		try (ServiceProcess service = builder.start()) {
			service.awaitHealthy(Duration.ofMinutes(5));
			String base = "http://127.0.0.1:" + service.port();
			String token = TestTokens.token("viewer");
			JsonNode services = get(base, "/api/services?range=7d&sort=totalRequests", token).path("services");
			if (services.isEmpty()) {
				throw new IllegalStateException("No services with requests in the last 7 days: load data first");
			}
			String busiest = services.path(0).path("name").asString();
			long requests = 0;
			for (JsonNode row : services) {
				requests += row.path("totalRequests").asLong();
			}
			log.info("{} services with {} requests in the last 7 days; the busiest is {}", services.size(), requests,
					busiest);
			long closedTo = (Instant.now().minus(Duration.ofMinutes(10)).toEpochMilli() / 60_000) * 60_000;
			String closed = "from=" + (closedTo - Duration.ofDays(7).toMillis()) + "&to=" + closedTo;
			String name = URLEncoder.encode(busiest, StandardCharsets.UTF_8);
			Map<String, String[]> questions = new LinkedHashMap<>();
			if (this.options.dashboard()) {
				questions.put("services list", new String[] { "/api/services?range=7d", "/api/services?" + closed });
				questions.put("service metrics, 7 days", new String[] { "/api/services/" + name + "/metrics?range=7d",
						"/api/services/" + name + "/metrics?" + closed });
				questions.put("endpoints ranking",
						new String[] { "/api/services/" + name + "/endpoints?range=7d&sort=p95Latency",
								"/api/services/" + name + "/endpoints?" + closed + "&sort=p95Latency" });
				String traceId = anyTraceId(elasticsearch);
				if (traceId != null && send(base, "/api/traces/" + traceId, token).statusCode() == 200) {
					questions.put("trace by id", new String[] { "/api/traces/" + traceId, "/api/traces/" + traceId });
				}
				else {
					log.warn("GET /api/traces/{id} is not served by this query-service: trace by id is not measured");
				}
			}
			if (this.options.serviceMap()) {
				// Cold: the window ends with the data, as a live range ends now. Cached:
				// whole minutes ending with the data or ten minutes ago, whichever is
				// older.
				long mapEnd = dataEnd + 1;
				long mapClosedEnd = Math.min(mapEnd, closedTo) / 60_000 * 60_000;
				for (Duration range : this.options.mapRanges()) {
					long length = range.toMillis();
					String cold = live ? "range=" + label(range) : "from=" + (mapEnd - length) + "&to=" + mapEnd;
					questions.put("service map, " + label(range), new String[] { "/api/service-map?" + cold,
							"/api/service-map?from=" + (mapClosedEnd - length) + "&to=" + mapClosedEnd });
				}
			}
			for (String[] paths : questions.values()) {
				for (int i = 0; i < this.options.warmup(); i++) {
					send(base, paths[0], token);
					send(base, paths[1], token);
				}
			}
			List<Row> rows = new ArrayList<>();
			for (Map.Entry<String, String[]> question : questions.entrySet()) {
				rows.add(measure(question.getKey(), question.getValue(), base, token, elasticsearch, redis, prefix));
			}
			redis.delete(redis.keys(prefix + "*"));
			report(rows, spans, services.size(), requests, busiest, elasticsearch, loadAtStart, threshold,
					mapThreshold);
		}
		finally {
			redisFactory.destroy();
		}
		return 0;
	}

	private Row measure(String question, String[] paths, String base, String token, String elasticsearch,
			StringRedisTemplate redis, String prefix) throws IOException, InterruptedException {
		log.info("Measuring {}: {} cold, {} cached", question, this.options.cold(), this.options.cached());
		long[] cold = new long[this.options.cold()];
		Map<String, Integer> coldCache = new TreeMap<>();
		String plan = null;
		for (int i = 0; i < cold.length; i++) {
			redis.delete(redis.keys(prefix + "*"));
			post(elasticsearch, "/_cache/clear");
			long started = System.nanoTime();
			HttpResponse<String> response = send(base, paths[0], token);
			cold[i] = System.nanoTime() - started;
			check(response, paths[0]);
			coldCache.merge(response.headers().firstValue("X-Cache").orElse("-"), 1, Integer::sum);
			plan = response.headers().firstValue("X-Query-Plan").orElse(plan);
		}
		check(send(base, paths[1], token), paths[1]);
		long[] cached = new long[this.options.cached()];
		Map<String, Integer> cachedCache = new TreeMap<>();
		for (int i = 0; i < cached.length; i++) {
			long started = System.nanoTime();
			HttpResponse<String> response = send(base, paths[1], token);
			cached[i] = System.nanoTime() - started;
			check(response, paths[1]);
			cachedCache.merge(response.headers().firstValue("X-Cache").orElse("-"), 1, Integer::sum);
		}
		return new Row(question, paths, cold, cached, coldCache, cachedCache, plan);
	}

	private void report(List<Row> rows, long spans, int services, long requests, String busiest, String elasticsearch,
			String loadAtStart, long threshold, long mapThreshold) {
		PrintStream out = System.out;
		out.println();
		out.printf(Locale.ROOT, "Query benchmark, %s%n", Instant.now());
		out.printf(Locale.ROOT, "Elasticsearch %s: %,d spans; %d services, %,d requests in the last 7 days%n",
				elasticsearch, spans, services, requests);
		out.printf(Locale.ROOT, "Service measured: %s; %d cores; load average at start %s, at end %s%n", busiest,
				Runtime.getRuntime().availableProcessors(), loadAtStart, loadAverage());
		out.printf(Locale.ROOT,
				"query-service JVM: %s; rollup threshold %d minutes (the newest 15 minutes of data raw), "
						+ "%d for the service map (%s)%n%n",
				this.options.javaOptions(), threshold, mapThreshold,
				(mapThreshold == 0) ? "live data: what the aggregator has not rolled up raw"
						: "its newest " + MAP_RAW_MINUTES + " minutes of data raw when measuring started");
		out.printf(Locale.ROOT, "%-24s %9s %9s %9s   %9s %9s %9s%n", "question", "cold p50", "cold p95", "cold max",
				"cache p50", "cache p95", "cache max");
		for (Row row : rows) {
			out.printf(Locale.ROOT, "%-24s %9s %9s %9s   %9s %9s %9s%n", row.question(), ms(row.cold(), 50),
					ms(row.cold(), 95), ms(row.cold(), 100), ms(row.cached(), 50), ms(row.cached(), 95),
					ms(row.cached(), 100));
		}
		out.println();
		for (Row row : rows) {
			out.printf(Locale.ROOT, "%s: cold %s (X-Cache %s, plan %s); cached %s (X-Cache %s)%n", row.question(),
					row.paths()[0], row.coldCache(), row.plan(), row.paths()[1], row.cachedCache());
		}
		out.println("Goal: p95 < 200 ms cold, < 20 ms cached (milliseconds above).");
	}

	/** A range as the API writes it: {@code 15m}, {@code 1h}, {@code 7d}. */
	static String label(Duration range) {
		if (range.toMinutes() < 60) {
			return range.toMinutes() + "m";
		}
		return (range.toHours() < 48) ? range.toHours() + "h" : range.toDays() + "d";
	}

	private static String ms(long[] nanos, int percentile) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		int rank = Math.max(1, (percentile * sorted.length + 99) / 100);
		return String.format(Locale.ROOT, "%.1f", sorted[rank - 1] / 1e6);
	}

	private static void check(HttpResponse<String> response, String path) {
		if (response.statusCode() != 200) {
			throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
		}
	}

	private long newestSpan(String elasticsearch) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create(elasticsearch + "/traces-apm-*/_search?ignore_unavailable=true"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers
					.ofString("{\"size\":0,\"aggs\":{\"newest\":{\"max\":{\"field\":\"@timestamp\"}}}}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		JsonNode newest = JSON.readTree(response.body()).at("/aggregations/newest/value");
		return newest.isNumber() ? newest.asLong() : System.currentTimeMillis();
	}

	private String anyTraceId(String elasticsearch) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create(elasticsearch + "/traces-apm-*/_search?ignore_unavailable=true"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers
					.ofString("{\"size\":1,\"_source\":[\"traceId\"],\"sort\":[{\"@timestamp\":\"desc\"}],"
							+ "\"query\":{\"bool\":{\"must_not\":{\"exists\":{\"field\":\"parentSpanId\"}}}}}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		JsonNode hit = JSON.readTree(response.body()).at("/hits/hits/0/_source/traceId");
		return hit.isMissingNode() ? null : hit.asString();
	}

	private HttpResponse<String> send(String base, String path, String token) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private JsonNode get(String base, String path) throws IOException, InterruptedException {
		return get(base, path, null);
	}

	private JsonNode get(String base, String path, String token) throws IOException, InterruptedException {
		HttpResponse<String> response = send(base, path, token);
		check(response, path);
		return JSON.readTree(response.body());
	}

	private void post(String base, String path) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());
		check(response, path);
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+", 4)[0];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	record Row(String question, String[] paths, long[] cold, long[] cached, Map<String, Integer> coldCache,
			Map<String, Integer> cachedCache, String plan) {
	}

	/**
	 * The command line.
	 */
	record Options(int cold, int cached, int warmup, Path jar, String javaOptions, Path workDir,
			List<String> serviceArguments, String questions, List<Duration> mapRanges) {

		boolean dashboard() {
			return !this.questions.equals("service-map");
		}

		boolean serviceMap() {
			return !this.questions.equals("dashboard");
		}

		/**
		 * Reads the command line.
		 * @return the options, or {@code null} when help was asked for
		 * @throws IllegalArgumentException for an unknown option or a bad value
		 */
		static Options parse(List<String> args, Map<String, String> environment) {
			int cold = 40;
			int cached = 200;
			int warmup = 30;
			Path jar = Path.of("query-service", "target", "query-service-0.1.0-SNAPSHOT.jar");
			String javaOptions = BenchmarkMain.serviceJavaOptions(environment);
			Path workDir = Path.of("query-service", "target", "bench");
			List<String> service = new ArrayList<>();
			String questions = "all";
			List<Duration> mapRanges = MAP_RANGES;
			for (int i = 0; i < args.size(); i++) {
				String arg = args.get(i);
				switch (arg) {
					case "--help", "-h" -> {
						return null;
					}
					case "--cold" -> cold = positive(arg, value(args, ++i, arg), 1);
					case "--cached" -> cached = positive(arg, value(args, ++i, arg), 1);
					case "--warmup" -> warmup = positive(arg, value(args, ++i, arg), 0);
					case "--jar" -> jar = Path.of(value(args, ++i, arg));
					case "--java-opts" -> javaOptions = value(args, ++i, arg);
					case "--work-dir" -> workDir = Path.of(value(args, ++i, arg));
					case "--map-ranges" -> mapRanges = ranges(value(args, ++i, arg));
					case "--questions" -> {
						questions = value(args, ++i, arg);
						if (!List.of("all", "dashboard", "service-map").contains(questions)) {
							throw new IllegalArgumentException(
									"--questions takes all, dashboard or service-map, not " + questions);
						}
					}
					case "--" -> {
						service.addAll(args.subList(i + 1, args.size()));
						i = args.size();
					}
					default -> throw new IllegalArgumentException("unknown option " + arg);
				}
			}
			return new Options(cold, cached, warmup, jar, javaOptions, workDir, service, questions, mapRanges);
		}

		private static List<Duration> ranges(String list) {
			List<Duration> ranges = new ArrayList<>();
			for (String range : list.split(",")) {
				Matcher parts = Pattern.compile("(\\d{1,4})([mhd])").matcher(range.trim());
				if (!parts.matches()) {
					throw new IllegalArgumentException("--map-ranges takes ranges such as 15m,1h,7d, not " + range);
				}
				long amount = Long.parseLong(parts.group(1));
				ranges.add(switch (parts.group(2)) {
					case "m" -> Duration.ofMinutes(amount);
					case "h" -> Duration.ofHours(amount);
					default -> Duration.ofDays(amount);
				});
			}
			return ranges;
		}

		private static String value(List<String> args, int index, String option) {
			if (index >= args.size()) {
				throw new IllegalArgumentException(option + " needs a value");
			}
			return args.get(index);
		}

		private static int positive(String option, String value, int min) {
			try {
				int number = Integer.parseInt(value);
				if (number < min) {
					throw new IllegalArgumentException(option + " must be at least " + min + ", not " + value);
				}
				return number;
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(option + " needs a number, not " + value);
			}
		}

	}

}
