package io.panopticon.errorstream.recent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.panopticon.storage.StorageUnavailableException;
import io.panopticon.errorstream.ErrorStreamProperties;
import io.panopticon.errorstream.log.ErrorLogJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/error-logs/recent}: the error logs a reconnecting client may have
 * missed, from Elasticsearch, in the shape and with the ids of the stream's messages, so
 * that the client can fill its gap and drop what it already has. Needs a viewer token
 * unless reads are public.
 */
@RestController
class RecentErrorLogsController {

	private static final Logger log = LoggerFactory.getLogger(RecentErrorLogsController.class);

	private final ErrorLogSearch search;

	private final Clock clock;

	private final int maxLimit;

	private final Duration maxAge;

	RecentErrorLogsController(ErrorLogSearch search, Clock clock, ErrorStreamProperties properties) {
		this.search = search;
		this.clock = clock;
		this.maxLimit = properties.recentMaxLimit();
		this.maxAge = properties.recentMaxAge();
	}

	/**
	 * @param since the earliest log timestamp, ISO-8601 with an offset or epoch
	 * milliseconds, from 1678 to 2262 (else a 400); default 15 minutes ago. One older
	 * than {@code panopticon.error-stream.recent-max-age} (7 days) is moved up to it, and
	 * the answer's {@code since} says where the search began
	 * @param service only this service
	 * @param environment only this environment
	 * @param limit the most error logs (default 100, at most
	 * {@code panopticon.error-stream.recent-max-limit})
	 * @return {@code {"since", "count", "truncated", "errorLogs": [...]}}, oldest first;
	 * {@code truncated} when more matched and the oldest were left out
	 */
	@GetMapping("/api/error-logs/recent")
	RecentErrorLogs recent(@RequestParam(name = "since", required = false) String since,
			@RequestParam(required = false) String service, @RequestParam(required = false) String environment,
			@RequestParam(required = false) String limit) {
		RecentQuery query = RecentQuery.parse(since, service, environment, limit, this.clock.instant(), this.maxLimit,
				this.maxAge);
		ErrorLogSearch.Result result;
		try {
			result = this.search.search(query);
		}
		catch (StorageUnavailableException ex) {
			log.warn("Recent error logs unavailable: {}", ex.getMessage());
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"the error log store is unavailable; try again shortly");
		}
		List<ObjectNode> logs = result.errorLogs().stream().map(ErrorLogJson::toJson).toList();
		String from = ErrorLogJson.isoTimestamp(ChronoUnit.MICROS.between(Instant.EPOCH, query.since()));
		return new RecentErrorLogs(from, logs.size(), result.truncated(), logs);
	}

	/**
	 * The answer.
	 *
	 * @param since the start of the range searched
	 * @param count how many error logs follow
	 * @param truncated whether more matched than the limit
	 * @param errorLogs the error logs, oldest first, each as the stream sends it
	 */
	record RecentErrorLogs(String since, int count, boolean truncated, List<ObjectNode> errorLogs) {
	}

}
