package io.panopticon.alert.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.panopticon.common.security.JwksClient;
import io.panopticon.common.security.JwtVerifier;
import io.panopticon.common.security.PublicKeyCache;
import io.panopticon.testing.BenchmarkMain;
import io.panopticon.testing.ServiceProcess;
import io.panopticon.testing.TestServers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Measures what logins and token checks cost (issue 17; figures in docs/architecture.md,
 * "Security"):
 * <ol>
 * <li>one bcrypt comparison at each cost from 8 to 12 in this JVM, to choose the
 * cost;</li>
 * <li>logins per second against alert-service running as its own JVM (the local stack's
 * JVM options) on the machine's PostgreSQL, with as many clients as cores, and the mean
 * time of a login from one client;</li>
 * <li>the verification of an access token as every other service does it (JWK set read
 * from that alert-service once, then cached), in microseconds per request.</li>
 * </ol>
 * Run by {@code infra/bench/auth-benchmark}.
 */
public final class AuthBenchmark {

	private static final Logger log = LoggerFactory.getLogger(AuthBenchmark.class);

	static final String USAGE = """
			Usage: infra/bench/auth-benchmark [--logins N] [--cost C] [--verifications N]
			  --logins N         logins to time (default 200)
			  --cost C           the bcrypt cost alert-service runs with (default 10)
			  --verifications N  token verifications to time (default 200000)
			""";

	private static final String ADMIN_PASSWORD = "Bench-Mark-Lighthouse-42";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private AuthBenchmark() {
	}

	public static void main(String[] args) {
		BenchmarkMain.run("auth benchmark", USAGE, args, Options::parse, AuthBenchmark::run);
	}

	static int run(Options options) throws Exception {
		bcryptCosts();
		try (ServiceProcess alert = ServiceProcess.builder(ServiceProcess.moduleJar("alert-service"))
			.property("spring.datasource.url", TestServers.postgresJdbcUrl())
			.property("spring.datasource.username", TestServers.postgresUsername())
			.property("spring.kafka.bootstrap-servers", TestServers.kafkaBootstrapServers())
			.property("management.health.elasticsearch.enabled", "false")
			.property("panopticon.alert.bcrypt-strength", Integer.toString(options.cost()))
			.env("PANOPTICON_ADMIN_USERNAME", "bench-admin")
			.env("PANOPTICON_ADMIN_PASSWORD", ADMIN_PASSWORD)
			.env("PANOPTICON_SECRET_KEY", "benchmark-secret-key-of-some-length-0123")
			.env("PANOPTICON_JWT_PUBLIC_KEY", "")
			.env("PANOPTICON_JWT_JWKS_URI", "http://127.0.0.1:9/none")
			.javaOptions(BenchmarkMain.serviceJavaOptions(System.getenv()).split(" "))
			.logFile(Path.of("target", "auth-benchmark-alert-service.log"))
			.start()) {
			alert.awaitHealthy(Duration.ofSeconds(180));
			URI base = URI.create("http://127.0.0.1:" + alert.port());
			String token = logins(base, options.logins());
			verifications(base, token, options.verifications());
		}
		return 0;
	}

	/**
	 * Wall time depends on what else the machine runs; the thread's CPU time does not, so
	 * both are printed.
	 */
	private static void bcryptCosts() {
		BCryptPasswordEncoder warmUp = new BCryptPasswordEncoder(8);
		String warmUpHash = warmUp.encode(ADMIN_PASSWORD);
		for (int i = 0; i < 30; i++) {
			warmUp.matches(ADMIN_PASSWORD, warmUpHash);
		}
		for (int cost = 8; cost <= 12; cost++) {
			BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(cost);
			String hash = encoder.encode(ADMIN_PASSWORD);
			int rounds = Math.max(3, 40 >> (cost - 8));
			long[] wall = new long[rounds];
			long[] cpu = new long[rounds];
			for (int i = 0; i < rounds; i++) {
				long start = System.nanoTime();
				long startCpu = THREADS.getCurrentThreadCpuTime();
				encoder.matches(ADMIN_PASSWORD, hash);
				cpu[i] = THREADS.getCurrentThreadCpuTime() - startCpu;
				wall[i] = System.nanoTime() - start;
			}
			Arrays.sort(wall);
			Arrays.sort(cpu);
			log.info("bcrypt cost {}: median {} ms wall, {} ms CPU per comparison ({} comparisons)", cost,
					String.format("%.1f", wall[rounds / 2] / 1e6), String.format("%.1f", cpu[rounds / 2] / 1e6),
					rounds);
		}
	}

	/** The service's CPU time so far, from its actuator metric, in seconds. */
	private static double serviceCpuSeconds(HttpClient http, URI base, String token) throws Exception {
		HttpResponse<String> response = http
			.send(HttpRequest.newBuilder(base.resolve("/actuator/metrics/process.cpu.time"))
				.header("Authorization", "Bearer " + token)
				.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			return Double.NaN;
		}
		var measurement = JSON.readTree(response.body()).path("measurements").path(0);
		double value = measurement.path("value").asDouble(Double.NaN);
		// Micrometer reports the metric in its base unit; seconds unless it says
		// otherwise.
		String unit = JSON.readTree(response.body()).path("baseUnit").asString("seconds");
		return switch (unit) {
			case "ns", "nanoseconds" -> value / 1e9;
			case "ms", "milliseconds" -> value / 1e3;
			default -> value;
		};
	}

	private static String logins(URI base, int count) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		String body = "{\"username\":\"bench-admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}";
		HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/auth/login"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		String token = null;
		for (int i = 0; i < 20; i++) {
			token = login(http, request);
		}
		long start = System.nanoTime();
		for (int i = 0; i < count / 4; i++) {
			login(http, request);
		}
		double serialMs = (System.nanoTime() - start) / 1e6 / (count / 4);
		double cpuBefore = serviceCpuSeconds(http, base, token);
		int clients = Runtime.getRuntime().availableProcessors();
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			start = System.nanoTime();
			List<Future<String>> done = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				done.add(pool.submit(() -> login(http, request)));
			}
			for (Future<String> future : done) {
				future.get();
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			double cpuMs = (serviceCpuSeconds(http, base, token) - cpuBefore) * 1e3 / count;
			log.info(
					"logins: {} ms each from one client; {} logins/s with {} clients ({} logins in {} s); "
							+ "alert-service CPU {} ms per login",
					String.format("%.1f", serialMs), String.format("%.1f", count / seconds), clients, count,
					String.format("%.1f", seconds), String.format("%.1f", cpuMs));
		}
		finally {
			pool.shutdown();
		}
		return token;
	}

	private static String login(HttpClient http, HttpRequest request) throws Exception {
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("login answered " + response.statusCode() + ": " + response.body());
		}
		return JSON.readTree(response.body()).path("accessToken").asString();
	}

	private static void verifications(URI base, String token, int count) {
		PublicKeyCache keys = new PublicKeyCache(
				new JwksClient(base.resolve("/.well-known/jwks.json"), Duration.ofSeconds(5)));
		JwtVerifier verifier = new JwtVerifier(null, keys, null,
				new JwtVerifier.Settings("panopticon", Duration.ofHours(25), Duration.ofSeconds(30)),
				Clock.systemUTC());
		verifier.verify(token);
		for (int i = 0; i < count / 4; i++) {
			verifier.verify(token);
		}
		long start = System.nanoTime();
		long startCpu = THREADS.getCurrentThreadCpuTime();
		for (int i = 0; i < count; i++) {
			verifier.verify(token);
		}
		double cpuMicros = (THREADS.getCurrentThreadCpuTime() - startCpu) / 1e3 / count;
		double micros = (System.nanoTime() - start) / 1e3 / count;
		log.info("token verification (JWK set cached): {} µs wall, {} µs CPU per request, one thread "
				+ "({} verifications)", String.format("%.1f", micros), String.format("%.1f", cpuMicros), count);
	}

	record Options(int logins, int cost, int verifications) {

		static Options parse(List<String> args, Map<String, String> environment) {
			Map<String, Integer> given = NumberOptions.read(args, Integer.MIN_VALUE, "--logins", "--cost",
					"--verifications");
			if (given == null) {
				return null;
			}
			return new Options(positive("--logins", given.getOrDefault("--logins", 200)),
					between("--cost", given.getOrDefault("--cost", 10), 4, 16),
					positive("--verifications", given.getOrDefault("--verifications", 200_000)));
		}

		private static int positive(String name, int value) {
			return between(name, value, 4, Integer.MAX_VALUE);
		}

		private static int between(String name, int value, int min, int max) {
			if (value < min || value > max) {
				throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
			}
			return value;
		}

	}

}
