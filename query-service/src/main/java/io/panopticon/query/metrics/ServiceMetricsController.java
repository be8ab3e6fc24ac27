package io.panopticon.query.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.panopticon.query.QueryProperties;
import io.panopticon.query.cache.ResultCache;
import io.panopticon.query.cache.ResultCache.Result;
import io.panopticon.query.window.QueryWindow;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service and endpoint metrics for dashboards: the services list, a service's time series
 * and its endpoint ranking. Every answer is exact over the whole range (rollups and raw
 * spans merged, see {@link MetricsReader}); answers about closed ranges are cached
 * ({@link ResultCache}). Each handler also answers under {@code /query}.
 */
@RestController
public class ServiceMetricsController {

	/** The range when neither {@code range} nor {@code from} is given. */
	static final Duration DEFAULT_RANGE = Duration.ofHours(1);

	static final int MAX_LIMIT = 1_000;

	static final List<String> SERVICE_SORTS = List.of("name", "totalRequests", "errorRate", "avgLatency", "p95Latency");

	static final List<String> ENDPOINT_SORTS = List.of("requests", "errorRate", "p50Latency", "p95Latency",
			"p99Latency", "endpoint");

	private final MetricsReader reader;

	private final ResultCache cache;

	private final QueryProperties properties;

	ServiceMetricsController(MetricsReader reader, ResultCache cache, QueryProperties properties) {
		this.reader = reader;
		this.cache = cache;
		this.properties = properties;
	}

	@GetMapping({ "/api/services", "/query/services" })
	ResponseEntity<ServiceList> services(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String range,
			@RequestParam(required = false) String environment, @RequestParam(required = false) String search,
			@RequestParam(required = false) String sort, @RequestParam(required = false) String order,
			@RequestParam(required = false) Integer limit) {
		QueryWindow window = window(from, to, range);
		String env = Parameters.text(environment);
		String contains = Parameters.search(search);
		String field = Parameters.sort(sort, SERVICE_SORTS, "totalRequests");
		boolean ascending = Parameters.ascending(order, field.equals("name"));
		int max = Parameters.limit(limit, 100, MAX_LIMIT);
		Map<String, Object> key = key(window);
		key.put("environment", env);
		key.put("search", contains);
		key.put("sort", field);
		key.put("ascending", ascending);
		key.put("limit", max);
		return this.cache.answer("services", window.to(), key, ServiceList.class, () -> {
			RangePlan plan = plan(window, true);
			Map<String, Figures> groups = this.reader
				.read(new MetricsQuery(Grouping.SERVICE, new Filters(null, env, contains)), plan);
			List<ServiceSummary> services = new ArrayList<>();
			groups.forEach((name, figures) -> services.add(ServiceSummary.of(name, figures)));
			Comparator<ServiceSummary> byField = switch (field) {
				case "name" -> Comparator.comparing(ServiceSummary::name);
				case "errorRate" -> Comparator.comparingDouble(ServiceSummary::errorRate);
				case "avgLatency" -> nullsLast(ServiceSummary::avgLatency, ascending);
				case "p95Latency" -> nullsLast(ServiceSummary::p95Latency, ascending);
				default -> Comparator.comparingLong(ServiceSummary::totalRequests);
			};
			List<ServiceSummary> sorted = sorted(services, byField, ascending, ServiceSummary::name, max);
			return new Result<>(new ServiceList(window.from(), window.to(), sorted), plan.describe());
		});
	}

	@GetMapping({ "/api/services/{name}/metrics", "/query/services/{name}/metrics" })
	ResponseEntity<ServiceMetrics> metrics(@PathVariable String name, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String range,
			@RequestParam(required = false) String environment, @RequestParam(required = false) String interval) {
		QueryWindow window = window(from, to, range);
		String env = Parameters.text(environment);
		Duration step = Parameters.interval(interval, window.length());
		Map<String, Object> key = key(window);
		key.put("service", name);
		key.put("environment", env);
		key.put("interval", step.toMillis());
		return this.cache.answer("service-metrics", window.to(), key, ServiceMetrics.class, () -> {
			Grouping grouping = Grouping.time(step.toMillis());
			RangePlan plan = plan(window, grouping.allowsHourly());
			Map<String, Figures> buckets = this.reader.read(new MetricsQuery(grouping, new Filters(name, env, null)),
					plan);
			List<MetricsPoint> points = new ArrayList<>();
			long width = step.toMillis();
			long start = Math.floorDiv(window.from().toEpochMilli(), width) * width;
			for (long t = start; t < window.to().toEpochMilli(); t += width) {
				Figures figures = buckets.getOrDefault(Long.toString(t), new Figures());
				points.add(MetricsPoint.of(Instant.ofEpochMilli(t), figures));
			}
			return new Result<>(new ServiceMetrics(name, window.from(), window.to(), Parameters.format(step), points),
					plan.describe());
		});
	}

	@GetMapping({ "/api/services/{name}/endpoints", "/query/services/{name}/endpoints" })
	ResponseEntity<EndpointList> endpoints(@PathVariable String name, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String range,
			@RequestParam(required = false) String environment, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String order, @RequestParam(required = false) Integer limit) {
		QueryWindow window = window(from, to, range);
		String env = Parameters.text(environment);
		String field = Parameters.sort(sort, ENDPOINT_SORTS, "requests");
		boolean ascending = Parameters.ascending(order, field.equals("endpoint"));
		int max = Parameters.limit(limit, 100, MAX_LIMIT);
		Map<String, Object> key = key(window);
		key.put("service", name);
		key.put("environment", env);
		key.put("sort", field);
		key.put("ascending", ascending);
		key.put("limit", max);
		return this.cache.answer("endpoints", window.to(), key, EndpointList.class, () -> {
			RangePlan plan = plan(window, true);
			Map<String, Figures> groups = this.reader
				.read(new MetricsQuery(Grouping.ENDPOINT, new Filters(name, env, null)), plan);
			List<EndpointSummary> endpoints = new ArrayList<>();
			groups.forEach((endpoint, figures) -> endpoints.add(EndpointSummary.of(endpoint, figures)));
			Comparator<EndpointSummary> byField = switch (field) {
				case "endpoint" -> Comparator.comparing(EndpointSummary::endpoint);
				case "errorRate" -> Comparator.comparingDouble(EndpointSummary::errorRate);
				case "p50Latency" -> nullsLast(EndpointSummary::p50Latency, ascending);
				case "p95Latency" -> nullsLast(EndpointSummary::p95Latency, ascending);
				case "p99Latency" -> nullsLast(EndpointSummary::p99Latency, ascending);
				default -> Comparator.comparingLong(EndpointSummary::requests);
			};
			List<EndpointSummary> sorted = sorted(endpoints, byField, ascending, EndpointSummary::endpoint, max);
			return new Result<>(new EndpointList(name, window.from(), window.to(), sorted), plan.describe());
		});
	}

	private QueryWindow window(String from, String to, String range) {
		return QueryWindow.of(from, to, range, DEFAULT_RANGE, this.properties.maxRange(), this.reader.now());
	}

	private RangePlan plan(QueryWindow window, boolean hourly) {
		return this.reader.plan(window.from().toEpochMilli(), window.to().toEpochMilli(), hourly);
	}

	private static Map<String, Object> key(QueryWindow window) {
		Map<String, Object> key = new LinkedHashMap<>();
		key.put("from", window.from().toEpochMilli());
		key.put("to", window.to().toEpochMilli());
		return key;
	}

	/**
	 * Orders by a field in the asked direction, ties by name, and keeps the first
	 * {@code limit}.
	 */
	static <T> List<T> sorted(List<T> items, Comparator<T> byField, boolean ascending, Function<T, String> name,
			int limit) {
		Comparator<T> order = ascending ? byField : byField.reversed();
		return items.stream().sorted(order.thenComparing(name)).limit(limit).toList();
	}

	/**
	 * Compares a value that may be missing; missing values come last in either direction
	 * (the comparator is reversed for descending order, so it puts them first here).
	 */
	static <T> Comparator<T> nullsLast(Function<T, Double> value, boolean ascending) {
		Comparator<Double> values = ascending ? Comparator.nullsLast(Comparator.<Double>naturalOrder())
				: Comparator.nullsFirst(Comparator.<Double>naturalOrder());
		return Comparator.comparing(value, values);
	}

}
