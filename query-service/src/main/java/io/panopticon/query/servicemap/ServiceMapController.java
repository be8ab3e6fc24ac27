package io.panopticon.query.servicemap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;

import io.panopticon.query.QueryProperties;
import io.panopticon.query.cache.ResultCache;
import io.panopticon.query.cache.ResultCache.Result;
import io.panopticon.query.metrics.Figures;
import io.panopticon.query.metrics.Filters;
import io.panopticon.query.metrics.Grouping;
import io.panopticon.query.metrics.MetricsQuery;
import io.panopticon.query.metrics.MetricsReader;
import io.panopticon.query.metrics.Parameters;
import io.panopticon.query.metrics.RangePlan;
import io.panopticon.storage.StorageClient;
import io.panopticon.query.window.QueryWindow;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service map: services as nodes, calls as edges, each with requests, error rate and
 * p95 over the range. Node figures are the services' request figures; edges come from the
 * aggregator's edge rollups for the rolled-up part of the range and from linking raw
 * spans ({@link RawEdgeReader}) for the rest. Also answers under {@code /query}.
 * <p>
 * Unlike the other metrics, the map does not read the newest {@code rollupThreshold} raw:
 * linking calls means reading every span rather than aggregating them on the server,
 * which at a few hundred spans a second takes seconds for fifteen minutes. It reads every
 * minute that has rollups from them ({@code serviceMapRollupThreshold}, none by default),
 * so its raw part is only what the aggregator has not rolled up yet. Answers about closed
 * ranges are cached like the other metrics ({@link ResultCache}).
 */
@RestController
class ServiceMapController {

	static final Duration DEFAULT_RANGE = Duration.ofHours(1);

	/** Raw parts read at the same time. */
	static final int RAW_READS = 4;

	private final MetricsReader reader;

	private final RawEdgeReader rawEdges;

	private final ResultCache cache;

	private final QueryProperties properties;

	/** Reads the raw parts of maps; a few at a time, more wait. */
	private final ExecutorService rawReads = Executors.newFixedThreadPool(RAW_READS, (task) -> {
		Thread thread = new Thread(task, "service-map-raw");
		thread.setDaemon(true);
		return thread;
	});

	ServiceMapController(MetricsReader reader, StorageClient storage, ResultCache cache, QueryProperties properties) {
		this.reader = reader;
		this.rawEdges = new RawEdgeReader(storage);
		this.cache = cache;
		this.properties = properties;
	}

	@GetMapping({ "/api/service-map", "/query/service-map" })
	ResponseEntity<ServiceMap> serviceMap(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String range,
			@RequestParam(required = false) String environment) {
		QueryWindow window = QueryWindow.of(from, to, range, DEFAULT_RANGE, this.properties.maxRange(),
				this.reader.now());
		String env = Parameters.text(environment);
		Map<String, Object> key = new LinkedHashMap<>();
		key.put("from", window.from().toEpochMilli());
		key.put("to", window.to().toEpochMilli());
		key.put("environment", env);
		return this.cache.answer("service-map", window.to(), key, ServiceMap.class, () -> {
			RangePlan plan = this.reader.plan(window.from().toEpochMilli(), window.to().toEpochMilli(), true,
					this.properties.serviceMapRollupThreshold());
			Filters filters = new Filters(null, env, null);
			// The raw part is read while the rollups are aggregated: both wait mostly on
			// the search cluster, which runs them side by side.
			long now = this.reader.now().toEpochMilli();
			CompletableFuture<RawEdgeReader.Edges> rawPart = plan.raw().isEmpty()
					? CompletableFuture.completedFuture(new RawEdgeReader.Edges(Map.of(), false))
					: CompletableFuture.supplyAsync(() -> this.rawEdges.read(plan.raw(), env, now), this.rawReads);
			List<Map<String, Figures>> read;
			try {
				read = this.reader.read(
						List.of(new MetricsQuery(Grouping.SERVICE, filters), new MetricsQuery(Grouping.EDGE, filters)),
						plan);
			}
			catch (RuntimeException ex) {
				rawPart.cancel(false);
				throw ex;
			}
			Map<String, Figures> services = read.get(0);
			Map<String, Figures> edges = read.get(1);
			RawEdgeReader.Edges raw = join(rawPart);
			raw.edges().forEach((edge, figures) -> edges.merge(edge, figures, Figures::merge));
			ServiceMap map = new ServiceMap(window.from(), window.to(), nodes(services, edges), edges(edges),
					raw.partial());
			return new Result<>(map, plan.describe());
		});
	}

	/** The result of a raw read, failing as the read itself failed. */
	private static RawEdgeReader.Edges join(CompletableFuture<RawEdgeReader.Edges> rawPart) {
		try {
			return rawPart.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	@PreDestroy
	void stop() {
		this.rawReads.shutdownNow();
	}

	private static List<ServiceMap.Node> nodes(Map<String, Figures> services, Map<String, Figures> edges) {
		Map<String, Figures> peers = new TreeMap<>();
		Map<String, Figures> callersOnly = new TreeMap<>();
		edges.forEach((key, figures) -> {
			String[] edge = MetricsQuery.edgeOf(key);
			if (!services.containsKey(edge[0])) {
				callersOnly.putIfAbsent(edge[0], new Figures());
			}
			if (!services.containsKey(edge[1])) {
				peers.computeIfAbsent(edge[1], (name) -> new Figures()).merge(figures);
			}
		});
		List<ServiceMap.Node> nodes = new ArrayList<>();
		services.forEach((name, figures) -> nodes.add(node(name, true, figures)));
		// A service that only calls out (a batch job) has no requests of its own.
		callersOnly.forEach((name, figures) -> {
			if (!peers.containsKey(name)) {
				nodes.add(node(name, true, figures));
			}
		});
		peers.forEach((name, figures) -> nodes.add(node(name, callersOnly.containsKey(name), figures)));
		nodes.sort(Comparator.comparing(ServiceMap.Node::name));
		return nodes;
	}

	private static ServiceMap.Node node(String name, boolean instrumented, Figures figures) {
		return new ServiceMap.Node(name, instrumented, figures.requests(), figures.errorRate(),
				figures.percentileMillis(95));
	}

	private static List<ServiceMap.Edge> edges(Map<String, Figures> edges) {
		List<ServiceMap.Edge> list = new ArrayList<>();
		edges.forEach((key, figures) -> {
			String[] edge = MetricsQuery.edgeOf(key);
			list.add(new ServiceMap.Edge(edge[0], edge[1], figures.requests(), figures.errorRate(),
					figures.percentileMillis(95)));
		});
		list.sort(Comparator.comparing(ServiceMap.Edge::source).thenComparing(ServiceMap.Edge::target));
		return list;
	}

}
