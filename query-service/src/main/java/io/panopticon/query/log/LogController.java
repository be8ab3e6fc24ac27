package io.panopticon.query.log;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.panopticon.common.telemetry.LogLevel;
import io.panopticon.common.web.InvalidParameterException;
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
 * {@code GET /api/logs}: log events by service, environment, level, trace and span id,
 * attributes and words of the message; the last 15 minutes unless a window is given;
 * cursor-paged.
 */
@RestController
@Tag(name = "logs")
class LogController {

	static final String SEARCH = "logs";

	private final SearchClient client;

	private final SearchProperties properties;

	private final CursorCodec cursors;

	private final Clock clock;

	LogController(SearchClient client, SearchProperties properties, CursorCodec cursors) {
		this.cursors = cursors;
		this.client = client;
		this.properties = properties;
		this.clock = Clock.systemUTC();
	}

	@GetMapping({ "/api/logs", "/query/logs" })
	@Operation(summary = "Search log events",
			description = "Log events in the window that meet every condition given, newest first unless order=asc. "
					+ "Page with nextCursor.")
	Page<LogView> logs(@Parameter(description = "service name") @RequestParam(required = false) String service,
			@Parameter(description = "environment") @RequestParam(required = false) String environment,
			@Parameter(
					description = "TRACE, DEBUG, INFO, WARN, ERROR or FATAL; repeatable or comma-separated") @RequestParam(
							required = false) List<String> level,
			@Parameter(description = "this level or a more severe one") @RequestParam(required = false) String minLevel,
			@Parameter(description = "trace id") @RequestParam(required = false) String traceId,
			@Parameter(description = "span id") @RequestParam(required = false) String spanId,
			@Parameter(
					description = "key:value (or key alone: has the attribute); repeatable, all must match") @RequestParam(
							required = false) List<String> attr,
			@Parameter(description = "words the message must contain (full-text, any order)") @RequestParam(
					required = false) String message,
			@Parameter(description = "start, ISO-8601 or epoch ms") @RequestParam(required = false) String from,
			@Parameter(description = "end (exclusive), ISO-8601 or epoch ms") @RequestParam(required = false) String to,
			@Parameter(description = "15m, 1h, 6h, 24h or 7d, ending now; default 15m") @RequestParam(
					required = false) String range,
			@Parameter(description = "timestamp (the only one)") @RequestParam(required = false) String sort,
			@Parameter(description = "desc (default) or asc") @RequestParam(required = false) String order,
			@Parameter(description = "page size, default 20") @RequestParam(required = false) String limit,
			@Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
			@Parameter(hidden = true) @RequestParam(required = false) String page) {
		PageParameter.reject(page);
		String sortField = SearchParameters.text(sort);
		if (sortField != null && !sortField.equalsIgnoreCase("timestamp")) {
			throw new InvalidParameterException("sort",
					"unknown sort field '" + sortField + "'; use one of [timestamp]");
		}
		PagedSearch search = LogFilter.search(SearchParameters.ascending(order, false));
		int pageSize = SearchParameters.limit(limit, this.properties);
		Cursor after = search.cursor(cursor, this.cursors);
		QueryWindow window = SearchParameters.window(from, to, range, after, this.properties, this.clock);
		LogFilter filter = new LogFilter(window).service(SearchParameters.text(service))
			.environment(SearchParameters.text(environment))
			.levels(levels(level, minLevel))
			.traceId(SearchParameters.traceId("traceId", traceId))
			.spanId(SearchParameters.spanId("spanId", spanId))
			.attributes(SearchParameters.attributes(attr))
			.text(SearchParameters.text(message));
		SearchResponse response = this.client
			.search(search.request(filter.indices(), filter.toQuery(), after, pageSize).build());
		return search.page(window, pageSize, response, this.cursors, (hit) -> LogView.of(hit.source()));
	}

	/**
	 * The levels asked for: those named, narrowed to {@code minLevel} and above when both
	 * are given.
	 */
	private static Set<LogLevel> levels(List<String> level, String minLevel) {
		Set<LogLevel> levels = SearchParameters.anyOf("level", level, LogLevel.class);
		LogLevel min = SearchParameters.oneOf("minLevel", minLevel, LogLevel.class);
		if (min == null) {
			return levels;
		}
		Set<LogLevel> severe = EnumSet.range(min, LogLevel.FATAL);
		if (!levels.isEmpty()) {
			severe.retainAll(levels);
			if (severe.isEmpty()) {
				throw new InvalidParameterException("minLevel", "no level named in level is " + min + " or above");
			}
		}
		return severe;
	}

}
