package io.panopticon.errorstream.recent;

import java.time.Duration;
import java.time.Instant;

import io.panopticon.common.web.InvalidParameterException;
import io.panopticon.common.web.TimeParameter;

/**
 * What {@code GET /api/error-logs/recent} asks for, checked.
 *
 * @param since the earliest log timestamp wanted, inclusive
 * @param service only this service's error logs, or {@code null} for all
 * @param environment only this environment's, or {@code null} for all
 * @param limit the most error logs answered
 */
record RecentQuery(Instant since, String service, String environment, int limit) {

	/** How far back {@code since} reaches when the client leaves it out. */
	static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);

	static final int DEFAULT_LIMIT = 100;

	/**
	 * Reads the request parameters.
	 * @param since ISO-8601 date-time with an offset, or epoch milliseconds, or
	 * {@code null}
	 * @param service a service name, or {@code null}
	 * @param environment an environment, or {@code null}
	 * @param limit a whole number, or {@code null}
	 * @param now the current time
	 * @param maxLimit the largest limit allowed
	 * @param maxAge how far back {@code since} may reach: an older one is moved up to
	 * {@code now - maxAge}, so that a dashboard asking for "everything since" gets what
	 * the store can still hold instead of an error, and no search spans more days than
	 * that
	 * @return the query
	 * @throws InvalidParameterException naming the first parameter that is wrong; a
	 * {@code since} that is no time, or one outside {@link TimeParameter}'s range
	 */
	static RecentQuery parse(String since, String service, String environment, String limit, Instant now, int maxLimit,
			Duration maxAge) {
		Instant from = now.minus(DEFAULT_WINDOW);
		if (since != null) {
			from = TimeParameter.parse("since", since);
		}
		Instant earliest = now.minus(maxAge);
		if (from.isBefore(earliest)) {
			from = earliest;
		}
		int count = DEFAULT_LIMIT;
		if (limit != null) {
			try {
				count = Integer.parseInt(limit.trim());
			}
			catch (NumberFormatException ex) {
				throw new InvalidParameterException("limit", "must be a whole number from 1 to " + maxLimit);
			}
			if (count < 1 || count > maxLimit) {
				throw new InvalidParameterException("limit", "must be a whole number from 1 to " + maxLimit);
			}
		}
		return new RecentQuery(from, text(service, "service"), text(environment, "environment"),
				Math.min(count, maxLimit));
	}

	private static String text(String value, String name) {
		if (value == null) {
			return null;
		}
		if (value.isBlank()) {
			throw new InvalidParameterException(name, "must not be blank when given");
		}
		return value.trim();
	}

}
