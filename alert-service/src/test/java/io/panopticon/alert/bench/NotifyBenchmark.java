package io.panopticon.alert.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.panopticon.alert.notify.AlertNotification;
import io.panopticon.testing.BenchmarkMain;
import io.panopticon.testing.ServiceProcess;
import io.panopticon.testing.TestServers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures notification delivery (issue 18; figures in docs/notifications.md, "Delivery
 * figures") with alert-service replicas running as JVMs of their own on the machine's
 * PostgreSQL (one fresh database), sending to a webhook receiver on loopback:
 * <ol>
 * <li>single messages: from the commit of the outbox row to the receiver's request,
 * median and 95th percentile (bounded below by nothing, above by the poll interval and
 * the send);</li>
 * <li>a burst: that many rows committed at once, messages per second until the last is
 * received;</li>
 * <li>with every replica polling the same outbox: how many messages arrived more than
 * once (the claim makes it 0 while no replica dies).</li>
 * </ol>
 * Run by {@code infra/bench/notify-benchmark}.
 */
public final class NotifyBenchmark {

	private static final Logger log = LoggerFactory.getLogger(NotifyBenchmark.class);

	static final String USAGE = """
			Usage: infra/bench/notify-benchmark [--replicas R] [--singles N] [--burst N]
			  --replicas R  alert-service replicas sharing the outbox (default 2)
			  --singles N   single messages to time (default 30)
			  --burst N     messages committed at once (default 2000)
			""";

	private static final String ADMIN_PASSWORD = "Bench-Mark-Lighthouse-42";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private NotifyBenchmark() {
	}

	public static void main(String[] args) {
		BenchmarkMain.run("notify benchmark", USAGE, args, Options::parse, NotifyBenchmark::run);
	}

	static int run(Options options) throws Exception {
		Map<String, Long> received = new ConcurrentHashMap<>();
		AtomicInteger requests = new AtomicInteger();
		HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
		receiver.createContext("/", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			requests.incrementAndGet();
			received.putIfAbsent(exchange.getRequestHeaders().getFirst("X-Panopticon-Delivery-Id"), System.nanoTime());
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		receiver.start();
		List<ServiceProcess> replicas = new ArrayList<>();
		try {
			for (int i = 0; i < options.replicas(); i++) {
				replicas.add(replica(i));
			}
			for (ServiceProcess replica : replicas) {
				replica.awaitHealthy(Duration.ofSeconds(240));
			}
			URI base = URI.create("http://127.0.0.1:" + replicas.get(0).port());
			long channel = channel(base, "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
			try (Connection db = DriverManager.getConnection(TestServers.postgresJdbcUrl(),
					TestServers.postgresUsername(), TestServers.postgresPassword())) {
				singles(db, channel, options.singles(), received);
				burst(db, channel, options.burst(), received);
			}
			int extra = requests.get() - received.size();
			log.info("replicas: {}; messages received more than once: {} of {}", options.replicas(), extra,
					received.size());
		}
		finally {
			replicas.forEach(ServiceProcess::close);
			receiver.stop(0);
		}
		return 0;
	}

	private static ServiceProcess replica(int index) {
		return ServiceProcess.builder(ServiceProcess.moduleJar("alert-service"))
			.property("spring.datasource.url", TestServers.postgresJdbcUrl())
			.property("spring.datasource.username", TestServers.postgresUsername())
			.property("spring.kafka.bootstrap-servers", TestServers.kafkaBootstrapServers())
			.property("spring.elasticsearch.uris", TestServers.elasticsearchUrl())
			.env("PANOPTICON_ADMIN_USERNAME", "bench-admin")
			.env("PANOPTICON_ADMIN_PASSWORD", ADMIN_PASSWORD)
			.env("PANOPTICON_SECRET_KEY", "benchmark-secret-key-of-some-length-0123")
			.env("PANOPTICON_JWT_PUBLIC_KEY", "")
			.env("PANOPTICON_JWT_JWKS_URI", "http://127.0.0.1:9/none")
			.env("PANOPTICON_OUTBOUND_ALLOWED_NETWORKS", "127.0.0.0/8")
			.javaOptions(BenchmarkMain.serviceJavaOptions(System.getenv()).split(" "))
			.logFile(Path.of("target", "notify-benchmark-alert-service-" + index + ".log"))
			.start();
	}

	private static long channel(URI base, String url) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> login = http.send(HttpRequest.newBuilder(base.resolve("/api/auth/login"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"username\":\"bench-admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		String token = JSON.readTree(login.body()).path("accessToken").asString();
		HttpResponse<String> created = http.send(HttpRequest.newBuilder(base.resolve("/api/channels"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"type\":\"webhook\",\"name\":\"bench\",\"url\":\"" + url + "\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (created.statusCode() != 201) {
			throw new IllegalStateException(
					"creating the channel answered " + created.statusCode() + ": " + created.body());
		}
		return JSON.readTree(created.body()).path("id").asLong();
	}

	private static void singles(Connection db, long channel, int count, Map<String, Long> received) throws Exception {
		List<Long> latencies = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String id = insert(db, channel, 1).get(0);
			long committed = System.nanoTime();
			latencies.add(await(received, List.of(id)) - committed);
		}
		Collections.sort(latencies);
		log.info("single messages: commit to receipt median {} ms, p95 {} ms ({} messages)",
				latencies.get(count / 2) / 1_000_000, latencies.get((int) Math.ceil(count * 0.95) - 1) / 1_000_000,
				count);
	}

	private static void burst(Connection db, long channel, int count, Map<String, Long> received) throws Exception {
		List<String> ids = insert(db, channel, count);
		long committed = System.nanoTime();
		long last = await(received, ids);
		double seconds = (last - committed) / 1e9;
		log.info("burst: {} messages committed at once, all received after {} s: {} messages/s", count,
				String.format("%.1f", seconds), String.format("%.0f", count / seconds));
	}

	/** Commits the rows in one transaction, as an evaluation would; returns their ids. */
	private static List<String> insert(Connection db, long channel, int count) throws Exception {
		List<String> ids = new ArrayList<>();
		db.setAutoCommit(false);
		try (PreparedStatement insert = db.prepareStatement("""
				INSERT INTO notification_outbox (channel_id, alert_id, payload) VALUES (?, ?, ?::jsonb)
				RETURNING delivery_id""")) {
			for (int i = 0; i < count; i++) {
				String alert = "bench-" + System.nanoTime();
				insert.setLong(1, channel);
				insert.setString(2, alert);
				insert.setString(3, JSON.writeValueAsString(notification(alert)));
				try (var row = insert.executeQuery()) {
					row.next();
					ids.add(row.getString(1));
				}
			}
			db.commit();
		}
		finally {
			db.setAutoCommit(true);
		}
		return ids;
	}

	private static long await(Map<String, Long> received, List<String> ids) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
		long last = 0;
		for (String id : ids) {
			Long at;
			while ((at = received.get(id)) == null) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("message " + id + " was not received within 10 minutes");
				}
				Thread.sleep(5);
			}
			last = Math.max(last, at);
		}
		return last;
	}

	private static AlertNotification notification(String alertId) {
		return new AlertNotification(alertId, "slo:1", "checkout availability", AlertNotification.FIRING, "critical",
				"checkout", "production", 1L, null, 14.4, null, "1h", Instant.now(), null,
				"http://127.0.0.1:3000/slo/1", Map.of());
	}

	record Options(int replicas, int singles, int burst) {

		static Options parse(List<String> args, Map<String, String> environment) {
			Map<String, Integer> given = NumberOptions.read(args, 1, "--replicas", "--singles", "--burst");
			if (given == null) {
				return null;
			}
			return new Options(given.getOrDefault("--replicas", 2), given.getOrDefault("--singles", 30),
					given.getOrDefault("--burst", 2000));
		}

	}

}
