package io.panopticon.query.search;

import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the raw searches over spans and logs ({@code panopticon.query.search.*}):
 * trace by id, root-span search, span search, log search and the traces of an endpoint.
 *
 * @param defaultRange the window searched when a request gives neither {@code range} nor
 * {@code from}: the last 15 minutes
 * @param maxRange the longest window a search accepts; raw spans and logs are kept 7 days
 * by default, so a longer window finds nothing more
 * @param defaultLimit results per page when a request gives no {@code limit}
 * @param maxLimit the largest {@code limit} accepted
 * @param maxTraceSpans the most spans {@code GET /api/traces/{traceId}} returns; a longer
 * trace is answered with its earliest spans and {@code truncated: true}. At most 10,000,
 * the default result window of an index
 * @param maxTraceLogs the most log events {@code GET /api/traces/{traceId}} returns, the
 * earliest first, with {@code logsTruncated: true} beyond it; at most 10,000
 */
@ConfigurationProperties("panopticon.query.search")
public record SearchProperties(@DefaultValue("15m") Duration defaultRange, @DefaultValue("7d") Duration maxRange,
		@DefaultValue("20") int defaultLimit, @DefaultValue("1000") int maxLimit,
		@DefaultValue("5000") int maxTraceSpans, @DefaultValue("1000") int maxTraceLogs) {

	/** Elasticsearch's default {@code index.max_result_window}. */
	static final int MAX_RESULT_WINDOW = 10_000;

	/**
	 * Validates the settings.
	 * @throws IllegalArgumentException if a value is out of its range
	 */
	public SearchProperties {
		Objects.requireNonNull(defaultRange, "defaultRange");
		Objects.requireNonNull(maxRange, "maxRange");
		if (defaultRange.isNegative() || defaultRange.isZero() || defaultRange.compareTo(maxRange) > 0) {
			throw new IllegalArgumentException(
					"panopticon.query.search.default-range must be positive and at most max-range, not "
							+ defaultRange);
		}
		// One more than the limit is fetched to learn whether a next page exists.
		if (maxLimit < 1 || maxLimit >= MAX_RESULT_WINDOW) {
			throw new IllegalArgumentException(
					"panopticon.query.search.max-limit must be between 1 and 9999, not " + maxLimit);
		}
		if (defaultLimit < 1 || defaultLimit > maxLimit) {
			throw new IllegalArgumentException(
					"panopticon.query.search.default-limit must be between 1 and max-limit, not " + defaultLimit);
		}
		if (maxTraceSpans < 1 || maxTraceSpans > MAX_RESULT_WINDOW) {
			throw new IllegalArgumentException(
					"panopticon.query.search.max-trace-spans must be between 1 and 10000, not " + maxTraceSpans);
		}
		if (maxTraceLogs < 1 || maxTraceLogs > MAX_RESULT_WINDOW) {
			throw new IllegalArgumentException(
					"panopticon.query.search.max-trace-logs must be between 1 and 10000, not " + maxTraceLogs);
		}
	}

}
