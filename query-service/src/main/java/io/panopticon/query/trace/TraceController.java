package io.panopticon.query.trace;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

import io.panopticon.common.telemetry.StatusCode;
import io.panopticon.common.web.InvalidParameterException;
import io.panopticon.common.web.NotFoundException;
import io.panopticon.query.paging.PageParameter;
import io.panopticon.query.search.Cursor;
import io.panopticon.query.search.CursorCodec;
import io.panopticon.query.search.MultiSearchRequest;
import io.panopticon.query.search.Page;
import io.panopticon.query.search.PagedSearch;
import io.panopticon.query.search.SearchClient;
import io.panopticon.query.search.SearchParameters;
import io.panopticon.query.search.SearchProperties;
import io.panopticon.query.search.SearchResponse;
import io.panopticon.query.search.Times;
import io.panopticon.query.span.SpanFilter;
import io.panopticon.query.span.SpanSort;
import io.panopticon.query.window.QueryWindow;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The trace endpoints: one trace by id, trace search by root span (across services or for
 * one service), and the recent error and slow traces of an endpoint.
 */
@RestController
@Tag(name = "traces")
class TraceController {

	static final String SEARCH = "traces";

	/** Error and slow traces listed per endpoint unless {@code limit} says otherwise. */
	static final int ENDPOINT_TRACES_DEFAULT_LIMIT = 10;

	private final SearchClient client;

	private final SearchProperties properties;

	private final CursorCodec cursors;

	private final Clock clock;

	TraceController(SearchClient client, SearchProperties properties, CursorCodec cursors) {
		this.cursors = cursors;
		this.client = client;
		this.properties = properties;
		this.clock = Clock.systemUTC();
	}

	@GetMapping({ "/api/traces/{traceId}", "/query/traces/{traceId}" })
	@Operation(summary = "One trace with all its spans and log events",
			description = "Spans in waterfall order (depth-first, siblings by start time) with depth, parent and "
					+ "children positions and offsets from the trace start; log events by time, each linked to its "
					+ "span. At most panopticon.query.search.max-trace-spans spans (the earliest), with "
					+ "truncated: true beyond. With service or environment, only the spans and log events of "
					+ "that service or environment, and the figures describe them. 404 when no span or log event "
					+ "has the id (and matches the filters).")
	TraceView trace(@Parameter(description = "16 or 32 hexadecimal digits") @PathVariable String traceId,
			@Parameter(description = "only the spans and log events of this service") @RequestParam(
					required = false) String service,
			@Parameter(description = "only the spans and log events of this environment") @RequestParam(
					required = false) String environment) {
		String id = SearchParameters.traceId("traceId", traceId);
		if (id == null) {
			// A blank path segment (%20), which the parameter reading takes for absent.
			throw new InvalidParameterException("traceId", "a trace id is 16 or 32 hexadecimal digits, not blank");
		}
		TracePart part = new TracePart(id, SearchParameters.text(service), SearchParameters.text(environment));
		List<SearchResponse> responses = this.client
			.multiSearch(new MultiSearchRequest(List.of(TraceRequests.spans(part, this.properties.maxTraceSpans()),
					TraceRequests.logs(part, this.properties.maxTraceLogs()))));
		TraceView trace = TraceAssembly.assemble(id, responses.get(0), responses.get(1));
		if (trace == null) {
			throw new NotFoundException("no trace " + id + part.filtersDescribed());
		}
		return trace;
	}

	@GetMapping({ "/api/traces", "/query/traces" })
	@Operation(summary = "Search traces across services by their root span",
			description = "Root spans (spans without a parent) that start in the window and meet every condition "
					+ "given, newest first unless sort/order say otherwise, each with the span count, error count "
					+ "and services of its whole trace. Page with nextCursor.")
	Page<TraceSummary> traces(
			@Parameter(description = "service of the root span") @RequestParam(required = false) String service,
			@Parameter(description = "environment") @RequestParam(required = false) String environment,
			@Parameter(description = "endpoint of the root span") @RequestParam(required = false) String endpoint,
			@Parameter(description = "status code OK, ERROR or UNSET; repeatable or comma-separated") @RequestParam(
					required = false) List<String> status,
			@Parameter(
					description = "true: root span is an error (status ERROR, or UNSET with HTTP 5xx)") @RequestParam(
							required = false) String error,
			@Parameter(description = "shortest duration, milliseconds") @RequestParam(
					required = false) String minDuration,
			@Parameter(description = "longest duration, milliseconds") @RequestParam(
					required = false) String maxDuration,
			@Parameter(description = "key:value (or key alone); repeatable, all must match") @RequestParam(
					required = false) List<String> attr,
			@Parameter(description = "start, ISO-8601 or epoch ms") @RequestParam(required = false) String from,
			@Parameter(description = "end (exclusive), ISO-8601 or epoch ms") @RequestParam(required = false) String to,
			@Parameter(description = "15m, 1h, 6h, 24h or 7d, ending now; default 15m") @RequestParam(
					required = false) String range,
			@Parameter(description = "startTime (default) or duration") @RequestParam(required = false) String sort,
			@Parameter(description = "desc (default) or asc") @RequestParam(required = false) String order,
			@Parameter(description = "page size, default 20") @RequestParam(required = false) String limit,
			@Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
			@Parameter(hidden = true) @RequestParam(required = false) String page) {
		PageParameter.reject(page);
		return searchRoots(SearchParameters.text(service), environment, endpoint, status, error, minDuration,
				maxDuration, attr, from, to, range, sort, order, limit, cursor);
	}

	@GetMapping({ "/api/services/{name}/traces", "/query/services/{name}/traces" })
	@Operation(summary = "Search the traces a service starts, by their root span",
			description = "As GET /api/traces, for root spans of this service.")
	Page<TraceSummary> serviceTraces(@Parameter(description = "service name") @PathVariable String name,
			@Parameter(description = "environment") @RequestParam(required = false) String environment,
			@Parameter(description = "endpoint of the root span") @RequestParam(required = false) String endpoint,
			@Parameter(description = "status code OK, ERROR or UNSET; repeatable or comma-separated") @RequestParam(
					required = false) List<String> status,
			@Parameter(
					description = "true: root span is an error (status ERROR, or UNSET with HTTP 5xx)") @RequestParam(
							required = false) String error,
			@Parameter(description = "shortest duration, milliseconds") @RequestParam(
					required = false) String minDuration,
			@Parameter(description = "longest duration, milliseconds") @RequestParam(
					required = false) String maxDuration,
			@Parameter(description = "key:value (or key alone); repeatable, all must match") @RequestParam(
					required = false) List<String> attr,
			@Parameter(description = "start, ISO-8601 or epoch ms") @RequestParam(required = false) String from,
			@Parameter(description = "end (exclusive), ISO-8601 or epoch ms") @RequestParam(required = false) String to,
			@Parameter(description = "15m, 1h, 6h, 24h or 7d, ending now; default 15m") @RequestParam(
					required = false) String range,
			@Parameter(description = "startTime (default) or duration") @RequestParam(required = false) String sort,
			@Parameter(description = "desc (default) or asc") @RequestParam(required = false) String order,
			@Parameter(description = "page size, default 20") @RequestParam(required = false) String limit,
			@Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
			@Parameter(hidden = true) @RequestParam(required = false) String page) {
		PageParameter.reject(page);
		return searchRoots(name, environment, endpoint, status, error, minDuration, maxDuration, attr, from, to, range,
				sort, order, limit, cursor);
	}

	@GetMapping({ "/api/services/{name}/endpoints/traces", "/query/services/{name}/endpoints/traces" })
	@Operation(summary = "Recent error and slow traces of one endpoint",
			description = "The endpoint's latest error requests and its slowest requests in the window: "
					+ "?endpoint=GET%20/orders/{id}. The same as GET /api/services/{name}/endpoints/{endpoint}/traces.")
	EndpointTraces endpointTraces(@Parameter(description = "service name") @PathVariable String name,
			@Parameter(description = "the endpoint, as in the endpoints list, such as GET /orders/{id}",
					required = true) @RequestParam String endpoint,
			@Parameter(description = "environment") @RequestParam(required = false) String environment,
			@Parameter(description = "slow traces only from this duration on, milliseconds") @RequestParam(
					required = false) String minDuration,
			@Parameter(description = "start, ISO-8601 or epoch ms") @RequestParam(required = false) String from,
			@Parameter(description = "end (exclusive), ISO-8601 or epoch ms") @RequestParam(required = false) String to,
			@Parameter(description = "15m, 1h, 6h, 24h or 7d, ending now; default 15m") @RequestParam(
					required = false) String range,
			@Parameter(description = "traces per list, default 10") @RequestParam(required = false) String limit) {
		return findEndpointTraces(name, endpoint, environment, minDuration, from, to, range, limit);
	}

	/**
	 * The path form of seed 002
	 * ({@code /query/services/:serviceName/endpoints/:endpointName/traces}). The endpoint
	 * name holds a space and slashes, so it comes URL-encoded
	 * ({@code GET%20%2Forders%2F%7Bid%7D}); the web edge lets an encoded slash through as
	 * part of its segment.
	 */
	@GetMapping({ "/api/services/{name}/endpoints/{endpoint}/traces",
			"/query/services/{name}/endpoints/{endpoint}/traces" })
	@Operation(summary = "Recent error and slow traces of one endpoint, named in the path",
			description = "As GET /api/services/{name}/endpoints/traces?endpoint=, with the endpoint URL-encoded in "
					+ "the path, slashes included: /api/services/shop/endpoints/GET%20%2Forders%2F%7Bid%7D/traces.")
	EndpointTraces endpointTracesByPath(@Parameter(description = "service name") @PathVariable String name,
			@Parameter(description = "the endpoint, URL-encoded") @PathVariable String endpoint,
			@Parameter(description = "environment") @RequestParam(required = false) String environment,
			@Parameter(description = "slow traces only from this duration on, milliseconds") @RequestParam(
					required = false) String minDuration,
			@Parameter(description = "start, ISO-8601 or epoch ms") @RequestParam(required = false) String from,
			@Parameter(description = "end (exclusive), ISO-8601 or epoch ms") @RequestParam(required = false) String to,
			@Parameter(description = "15m, 1h, 6h, 24h or 7d, ending now; default 15m") @RequestParam(
					required = false) String range,
			@Parameter(description = "traces per list, default 10") @RequestParam(required = false) String limit) {
		return findEndpointTraces(name, endpoint, environment, minDuration, from, to, range, limit);
	}

	private EndpointTraces findEndpointTraces(String name, String endpoint, String environment, String minDuration,
			String from, String to, String range, String limit) {
		String endpointName = SearchParameters.text(endpoint);
		if (endpointName == null) {
			throw new InvalidParameterException("endpoint", "the parameter is required");
		}
		int size = SearchParameters.limit(limit, ENDPOINT_TRACES_DEFAULT_LIMIT, this.properties.maxLimit());
		QueryWindow window = SearchParameters.window(from, to, range, null, this.properties, this.clock);
		Long min = SearchParameters.millisAsMicros("minDuration", minDuration);
		String env = SearchParameters.text(environment);
		SpanFilter errors = new SpanFilter(window).service(name)
			.environment(env)
			.endpoint(endpointName)
			.request(true)
			.error(true);
		SpanFilter slowest = new SpanFilter(window).service(name)
			.environment(env)
			.endpoint(endpointName)
			.request(true)
			.durationMicros(min, null);
		List<SearchResponse> responses = this.client.multiSearch(new MultiSearchRequest(
				List.of(TraceRequests.endpointErrors(errors, size), TraceRequests.endpointSlowest(slowest, size))));
		List<TraceSummary> errorTraces = summaries(responses.get(0));
		List<TraceSummary> slowTraces = summaries(responses.get(1));
		List<TraceSummary> both = new ArrayList<>(errorTraces);
		both.addAll(slowTraces);
		JsonNode figures = traceFigures(both);
		return new EndpointTraces(name, endpointName, Times.iso(Times.micros(window.from())),
				Times.iso(Times.micros(window.to())), TraceSummary.withTraceFigures(errorTraces, figures),
				TraceSummary.withTraceFigures(slowTraces, figures));
	}

	private Page<TraceSummary> searchRoots(String service, String environment, String endpoint, List<String> status,
			String error, String minDuration, String maxDuration, List<String> attr, String from, String to,
			String range, String sort, String order, String limit, String cursor) {
		PagedSearch search = SpanSort.of(sort).search(SEARCH, SearchParameters.ascending(order, false));
		int pageSize = SearchParameters.limit(limit, this.properties);
		Cursor after = search.cursor(cursor, this.cursors);
		QueryWindow window = SearchParameters.window(from, to, range, after, this.properties, this.clock);
		Long min = SearchParameters.millisAsMicros("minDuration", minDuration);
		Long max = SearchParameters.millisAsMicros("maxDuration", maxDuration);
		SearchParameters.requireOrdered("minDuration", min, "maxDuration", max);
		SpanFilter filter = new SpanFilter(window).rootsOnly()
			.service(service)
			.environment(SearchParameters.text(environment))
			.endpoint(SearchParameters.text(endpoint))
			.statuses(SearchParameters.anyOf("status", status, StatusCode.class))
			.error(SearchParameters.bool("error", error))
			.durationMicros(min, max)
			.attributes(SearchParameters.attributes(attr));
		SearchResponse response = this.client.search(search.request(filter.indices(), filter.toQuery(), after, pageSize)
			.sourceIncludes(TraceSummary.SOURCE_FIELDS)
			.build());
		Page<TraceSummary> page = search.page(window, pageSize, response, this.cursors,
				(hit) -> TraceSummary.of(hit.source()));
		return new Page<>(page.from(), page.to(),
				TraceSummary.withTraceFigures(page.items(), traceFigures(page.items())), page.nextCursor());
	}

	/**
	 * Looks up the span count, error count and services of the listed traces: one more
	 * search, a lookup of at most a page of trace ids.
	 */
	private JsonNode traceFigures(List<TraceSummary> summaries) {
		Set<String> traceIds = new LinkedHashSet<>();
		summaries.forEach((summary) -> traceIds.add(summary.traceId()));
		if (traceIds.isEmpty()) {
			return MissingNode.getInstance();
		}
		return this.client.search(TraceRequests.traceFigures(traceIds)).aggregations();
	}

	private static List<TraceSummary> summaries(SearchResponse response) {
		return response.hits().stream().map((hit) -> TraceSummary.of(hit.source())).toList();
	}

}
