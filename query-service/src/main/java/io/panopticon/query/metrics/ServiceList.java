package io.panopticon.query.metrics;

import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code GET /api/services}.
 *
 * @param from the start of the range
 * @param to its end
 * @param services the services with requests in the range, sorted and limited as asked
 */
public record ServiceList(Instant from, Instant to, List<ServiceSummary> services) {
}
