package io.panopticon.aggregator.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Response;
import co.elastic.clients.transport.rest5_client.low_level.ResponseException;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.panopticon.aggregator.AggregatorProperties;
import io.panopticon.aggregator.rollup.AggregatorMetrics;
import io.panopticon.aggregator.rollup.RollupPass;
import io.panopticon.storage.DocumentIds;
import io.panopticon.storage.IndexFamily;
import io.panopticon.storage.IndexTemplates;
import io.panopticon.storage.RollupTemplate;
import io.panopticon.storage.SpanDocuments;
import io.panopticon.storage.StorageClient;
import io.panopticon.common.telemetry.Span;
import io.panopticon.demo.Trace;
import io.panopticon.demo.TrafficModel;
import io.panopticon.testing.BenchmarkMain;
import io.panopticon.testing.TestServers;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads a large span dataset straight into Elasticsearch and rolls it up, for the query
 * benchmark: N spans (10 million by default) of the demo module's sample traffic model,
 * spread evenly over the D days (7) before now, written as ingest-service writes them
 * (its index template, document writer, index names and content-derived ids,
 * {@code op_type=create}, so a second run adds nothing), then the aggregator's catch-up
 * rolls up every minute and hour of the range in one pass, as after a long downtime.
 * Prints the load rate (documents per second), the disk used per span, and how long the
 * roll-up took. A command, not a test: {@code infra/bench/rollup-data-loader}.
 * <p>
 * While loading, the span indices it creates do not refresh (restored to the template's 5
 * s afterwards); indices that exist already are left as they are.
 */
public final class RollupDataLoader {

	private static final Logger log = LoggerFactory.getLogger(RollupDataLoader.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int BODY_BYTES = 5 * 1024 * 1024;

	private static final int MAX_ATTEMPTS = 8;

	/**
	 * Disk a span takes in Elasticsearch, with room for merges; checked before loading.
	 */
	private static final long BYTES_PER_SPAN_NEEDED = 1_000;

	private static final ContentType NDJSON = ContentType.create("application/x-ndjson", StandardCharsets.UTF_8);

	private final LoaderOptions options;

	private RollupDataLoader(LoaderOptions options) {
		this.options = options;
	}

	public static void main(String[] args) {
		BenchmarkMain.run("rollup-data-loader", LoaderOptions.USAGE, args, LoaderOptions::parse,
				(options) -> new RollupDataLoader(options).run());
	}

	private int run() throws Exception {
		long needed = this.options.spans() * BYTES_PER_SPAN_NEEDED;
		long free = Files.getFileStore(this.options.diskPath()).getUsableSpace();
		System.out.printf(Locale.ROOT, "Free disk at %s: %.1f GB; %d spans need about %.1f GB%n",
				this.options.diskPath(), free / 1e9, this.options.spans(), needed / 1e9);
		if (free < needed && !this.options.force()) {
			System.err.println("rollup-data-loader: not enough free disk (use --force to load anyway)");
			return 1;
		}
		String url = this.options.elasticsearch();
		if (url == null) {
			// The node's start-up prints to standard output, which is for the results.
			PrintStream results = System.out;
			System.setOut(System.err);
			try {
				url = TestServers.elasticsearchUrl();
			}
			finally {
				System.setOut(results);
			}
		}
		try (Rest5Client client = Rest5Client.builder(URI.create(url))
			.setRequestConfigCallback((config) -> config.setResponseTimeout(Timeout.ofMinutes(10)))
			.build()) {
			System.out.printf(Locale.ROOT, "Elasticsearch %s at %s; %d spans over %s .. %s%n", version(client), url,
					this.options.spans(), this.options.start(), this.options.end());
			new IndexTemplates(new StorageClient(client), new IndexTemplates.Settings(0, Duration.ofSeconds(5)))
				.ensureInstalled();
			List<String> created = createIndices(client);
			Load load = load(client);
			for (String index : created) {
				// The cluster's retention may have deleted the oldest day meanwhile (a
				// stack that
				// keeps spans 7 days deletes a 7-day load's first day at midnight).
				if (exists(client, index)) {
					call(client, "PUT", "/" + index + "/_settings", "{\"index\":{\"refresh_interval\":\"5s\"}}");
				}
				else {
					log.warn("{} was deleted while loading (retention?); its spans are gone", index);
				}
			}
			call(client, "POST", "/" + IndexFamily.TRACES.pattern() + "/_refresh", null);
			JsonNode store = call(client, "GET", "/" + IndexFamily.TRACES.pattern() + "/_stats/store,docs", null);
			long bytes = store.at("/_all/primaries/store/size_in_bytes").asLong();
			long documents = store.at("/_all/primaries/docs/count").asLong();
			System.out.printf(Locale.ROOT,
					"Loaded %d spans (%d traces) in %.1f s: %.0f docs/s; %d created, %d there already, %d refused%n",
					load.spans, load.traces, load.seconds, load.spans / load.seconds, load.created, load.conflicts,
					load.failed);
			System.out.printf(Locale.ROOT, "traces-apm-*: %d documents, %.2f GB, %.0f bytes per span%n", documents,
					bytes / 1e9, (documents > 0) ? (double) bytes / documents : 0);
			if (load.failed > 0) {
				return 1;
			}
			if (this.options.rollup()) {
				rollUp(client, load.spans);
			}
		}
		return 0;
	}

	/**
	 * Creates the daily span indices of the range that do not exist yet, without refresh.
	 */
	private List<String> createIndices(Rest5Client client) throws IOException {
		List<String> created = new ArrayList<>();
		LocalDate last = this.options.end().minusNanos(1).atOffset(ZoneOffset.UTC).toLocalDate();
		for (LocalDate day = this.options.start().atOffset(ZoneOffset.UTC).toLocalDate(); !day.isAfter(last); day = day
			.plusDays(1)) {
			String index = IndexFamily.TRACES.indexFor(day);
			if (!exists(client, index)) {
				call(client, "PUT", "/" + index, "{\"settings\":{\"index\":{\"refresh_interval\":\"-1\"}}}");
				created.add(index);
			}
		}
		log.info("Created {} span indices with refresh off while loading: {}", created.size(), created);
		return created;
	}

	private static boolean exists(Rest5Client client, String index) throws IOException {
		try {
			return client.performRequest(new Request("HEAD", "/" + index)).getStatusCode() != 404;
		}
		catch (ResponseException ex) {
			return ex.getResponse().getStatusCode() != 404;
		}
	}

	private Load load(Rest5Client client) throws Exception {
		BlockingQueue<Body> bodies = new ArrayBlockingQueue<>(2 * this.options.connections());
		LongAdder created = new LongAdder();
		LongAdder conflicts = new LongAdder();
		LongAdder failed = new LongAdder();
		ExecutorService senders = Executors.newFixedThreadPool(this.options.connections());
		List<Future<?>> running = new ArrayList<>();
		long started = System.nanoTime();
		for (int i = 0; i < this.options.connections(); i++) {
			running.add(senders.submit(() -> {
				for (Body body = bodies.take(); body.items > 0; body = bodies.take()) {
					send(client, body, created, conflicts, failed);
				}
				return null;
			}));
		}
		long spans = 0;
		long traces = 0;
		try {
			MovableClock clock = new MovableClock(this.options.start());
			TrafficModel model = new TrafficModel(this.options.seed(), clock);
			long total = this.options.spans();
			long rangeMillis = Duration.between(this.options.start(), this.options.end()).toMillis();
			ByteArrayOutputStream body = new ByteArrayOutputStream(BODY_BYTES + 64 * 1024);
			int items = 0;
			long nextProgress = System.nanoTime() + 10_000_000_000L;
			while (spans < total) {
				// Traces end evenly spread over the range, in the order they are made.
				clock.set(this.options.start().plusMillis(Math.round(rangeMillis * ((double) spans / total))));
				Trace trace = model.next();
				List<Span> traceSpans = trace.spans();
				if (traceSpans.size() > total - spans) {
					traceSpans = traceSpans.subList(0, (int) (total - spans));
				}
				for (Span span : traceSpans) {
					body.writeBytes(("{\"create\":{\"_index\":\"" + SpanDocuments.indexOf(span) + "\",\"_id\":\""
							+ DocumentIds.spanId(span) + "\"}}\n")
						.getBytes(StandardCharsets.UTF_8));
					SpanDocuments.write(span, SpanDocuments.endpointOf(span), body);
					body.write('\n');
					items++;
				}
				spans += traceSpans.size();
				traces++;
				if (body.size() >= BODY_BYTES) {
					put(bodies, new Body(body.toByteArray(), items), running);
					body.reset();
					items = 0;
				}
				if (System.nanoTime() > nextProgress) {
					double seconds = (System.nanoTime() - started) / 1e9;
					log.info("{} of {} spans generated, {} stored ({} docs/s)", spans, total,
							created.sum() + conflicts.sum(), Math.round((created.sum() + conflicts.sum()) / seconds));
					nextProgress += 10_000_000_000L;
				}
			}
			if (items > 0) {
				put(bodies, new Body(body.toByteArray(), items), running);
			}
			for (int i = 0; i < this.options.connections(); i++) {
				put(bodies, new Body(new byte[0], 0), running);
			}
			for (Future<?> sender : running) {
				sender.get();
			}
		}
		finally {
			senders.shutdownNow();
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		return new Load(spans, traces, seconds, created.sum(), conflicts.sum(), failed.sum());
	}

	/** Queues a body, failing fast when a sender has failed. */
	private static void put(BlockingQueue<Body> bodies, Body body, List<Future<?>> senders) throws Exception {
		while (!bodies.offer(body, 1, TimeUnit.SECONDS)) {
			for (Future<?> sender : senders) {
				if (sender.isDone()) {
					sender.get();
					throw new IllegalStateException("a sender stopped");
				}
			}
		}
	}

	private static void send(Rest5Client client, Body body, LongAdder created, LongAdder conflicts, LongAdder failed)
			throws IOException, InterruptedException {
		for (int attempt = 1;; attempt++) {
			Request request = new Request("POST", "/_bulk");
			request.addParameter("filter_path", "errors,items.*.error.type");
			request.setEntity(new ByteArrayEntity(body.bytes, NDJSON));
			JsonNode answer;
			try {
				Response response = client.performRequest(request);
				int status = response.getStatusCode();
				if ((status == 429 || status >= 500) && attempt < MAX_ATTEMPTS) {
					Thread.sleep(200L << Math.min(attempt, 6));
					continue;
				}
				if (status >= 300) {
					throw new IOException("_bulk answered " + status);
				}
				answer = JSON.readTree(EntityUtils.toByteArray(response.getEntity()));
			}
			catch (ResponseException ex) {
				int status = ex.getResponse().getStatusCode();
				if ((status == 429 || status >= 500) && attempt < MAX_ATTEMPTS) {
					Thread.sleep(200L << Math.min(attempt, 6));
					continue;
				}
				throw ex;
			}
			if (!answer.path("errors").asBoolean()) {
				created.add(body.items);
				return;
			}
			int conflicted = 0;
			int rejected = 0;
			int refused = 0;
			for (JsonNode item : answer.path("items")) {
				switch (item.path("create").path("error").path("type").asString("")) {
					case "version_conflict_engine_exception" -> conflicted++;
					case "es_rejected_execution_exception" -> rejected++;
					default -> refused++;
				}
			}
			if (rejected > 0 && attempt < MAX_ATTEMPTS) {
				// Items created already answer 409 on the resend.
				Thread.sleep(200L << Math.min(attempt, 6));
				continue;
			}
			created.add(body.items - conflicted - rejected - refused);
			conflicts.add(conflicted);
			failed.add(rejected + refused);
			return;
		}
	}

	/** Runs the aggregator's catch-up over the whole range, in one pass. */
	private void rollUp(Rest5Client client, long spans) {
		Instant now = Instant.now();
		Duration horizon = Duration.ofHours(Duration.between(this.options.start(), now).toHours() + 2);
		AggregatorProperties properties = new AggregatorProperties(true, Duration.ofMinutes(1), Duration.ofSeconds(15),
				Duration.ofMinutes(5), horizon, Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(10),
				this.options.chunkSpans(), new AggregatorProperties.Lease(false, "unused", Duration.ofMinutes(2)),
				new AggregatorProperties.Index(0, Duration.ofSeconds(1)));
		StorageClient storage = new StorageClient(client);
		new RollupTemplate(storage, 0, Duration.ofSeconds(1)).ensureInstalled();
		RollupPass pass = RollupPass.of(storage, properties,
				new AggregatorMetrics(new SimpleMeterRegistry(), Clock.systemUTC()), Clock.systemUTC());
		log.info("Rolling up the last {} hours", horizon.toHours());
		long started = System.nanoTime();
		RollupPass.Result result = pass.run(now, () -> {
		});
		double seconds = (System.nanoTime() - started) / 1e9;
		System.out.printf(Locale.ROOT,
				"Rolled up %d minutes and %d hours (%d rollup documents) in %.1f s: %.1f minutes/s, %.0f spans/s%n",
				result.minutes(), result.hours(), result.documents(), seconds, result.minutes() / seconds,
				spans / seconds);
	}

	private static String version(Rest5Client client) throws IOException {
		for (JsonNode node : call(client, "GET", "/_nodes/_local", null).path("nodes")) {
			return node.path("version").asString();
		}
		return "(unknown version)";
	}

	private static JsonNode call(Rest5Client client, String method, String path, String json) throws IOException {
		Request request = new Request(method, path);
		if (json != null) {
			request.setJsonEntity(json);
		}
		Response response = client.performRequest(request);
		if (response.getStatusCode() >= 300) {
			throw new IOException(method + " " + path + " answered " + response.getStatusCode() + ": "
					+ new String(EntityUtils.toByteArray(response.getEntity()), StandardCharsets.UTF_8));
		}
		return JSON.readTree(EntityUtils.toByteArray(response.getEntity()));
	}

	private record Body(byte[] bytes, int items) {
	}

	private record Load(long spans, long traces, double seconds, long created, long conflicts, long failed) {
	}

	/** The clock the traffic model ends each trace at. */
	private static final class MovableClock extends Clock {

		private Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void set(Instant now) {
			this.now = now;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

	}

}
