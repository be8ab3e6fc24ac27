package io.panopticon.query.span;

import java.time.Clock;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.panopticon.common.telemetry.SpanKind;
import io.panopticon.common.telemetry.StatusCode;
import io.panopticon.query.paging.PageParameter;
import io.panopticon.query.search.Cursor;
import io.panopticon.query.search.CursorCodec;
import io.panopticon.query.search.Page;
import io.panopticon.query.search.PagedSearch;
import io.panopticon.query.search.SearchClient;
import io.panopticon.query.search.SearchParameters;
import io.panopticon.query.search.SearchProperties;
import io.panopticon.query.search.SearchResponse;
import io.panopticon.query.window.QueryWindow;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/spans}: spans of any kind, by service, environment, name, endpoint,
 * kind, status, duration, trace, span and parent id, and attributes; the last 15 minutes
 * unless a window is given; cursor-paged.
 */
@RestController
@Tag(name = "spans")
class SpanController {

	static final String SEARCH = "spans";

	private final SearchClient client;

	private final SearchProperties properties;

	private final CursorCodec cursors;

	private final Clock clock;

	SpanController(SearchClient client, SearchProperties properties, CursorCodec cursors) {
		this.cursors = cursors;
		this.client = client;
		this.properties = properties;
		this.clock = Clock.systemUTC();
	}

	@GetMapping({ "/api/spans", "/query/spans" })
	@Operation(summary = "Search spans",
			description = "Spans that start in the window and meet every condition given, newest first unless "
					+ "sort/order say otherwise. Page with nextCursor.")
	Page<SpanView> spans(@Parameter(description = "service name") @RequestParam(required = false) String service,
			@Parameter(description = "environment") @RequestParam(required = false) String environment,
			@Parameter(description = "span name, exactly") @RequestParam(required = false) String name,
			@Parameter(description = "endpoint, such as GET /orders/{id}") @RequestParam(
					required = false) String endpoint,
			@Parameter(
					description = "SERVER, CLIENT, PRODUCER, CONSUMER or INTERNAL; repeatable or comma-separated") @RequestParam(
							required = false) List<String> kind,
			@Parameter(description = "status code OK, ERROR or UNSET; repeatable or comma-separated") @RequestParam(
					required = false) List<String> status,
			@Parameter(
					description = "true: errors only (status ERROR, or UNSET with HTTP 5xx); false: no errors") @RequestParam(
							required = false) String error,
			@Parameter(description = "shortest duration, milliseconds") @RequestParam(
					required = false) String minDuration,
			@Parameter(description = "longest duration, milliseconds") @RequestParam(
					required = false) String maxDuration,
			@Parameter(description = "trace id") @RequestParam(required = false) String traceId,
			@Parameter(description = "span id") @RequestParam(required = false) String spanId,
			@Parameter(description = "parent span id") @RequestParam(required = false) String parentSpanId,
			@Parameter(
					description = "key:value (or key alone: has the attribute); repeatable, all must match") @RequestParam(
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
		PagedSearch search = SpanSort.of(sort).search(SEARCH, SearchParameters.ascending(order, false));
		int pageSize = SearchParameters.limit(limit, this.properties);
		Cursor after = search.cursor(cursor, this.cursors);
		QueryWindow window = SearchParameters.window(from, to, range, after, this.properties, this.clock);
		Long min = SearchParameters.millisAsMicros("minDuration", minDuration);
		Long max = SearchParameters.millisAsMicros("maxDuration", maxDuration);
		SearchParameters.requireOrdered("minDuration", min, "maxDuration", max);
		SpanFilter filter = new SpanFilter(window).service(SearchParameters.text(service))
			.environment(SearchParameters.text(environment))
			.name(SearchParameters.text(name))
			.endpoint(SearchParameters.text(endpoint))
			.kinds(SearchParameters.anyOf("kind", kind, SpanKind.class))
			.statuses(SearchParameters.anyOf("status", status, StatusCode.class))
			.error(SearchParameters.bool("error", error))
			.durationMicros(min, max)
			.traceId(SearchParameters.traceId("traceId", traceId))
			.spanId(SearchParameters.spanId("spanId", spanId))
			.parentSpanId(SearchParameters.spanId("parentSpanId", parentSpanId))
			.attributes(SearchParameters.attributes(attr));
		SearchResponse response = this.client
			.search(search.request(filter.indices(), filter.toQuery(), after, pageSize).build());
		return search.page(window, pageSize, response, this.cursors, (hit) -> SpanView.of(hit.source()));
	}

}
