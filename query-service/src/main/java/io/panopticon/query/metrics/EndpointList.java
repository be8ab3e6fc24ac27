package io.panopticon.query.metrics;

import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code GET /api/services/{name}/endpoints}.
 *
 * @param service the service
 * @param from the start of the range
 * @param to its end
 * @param endpoints the endpoints with requests in the range, ranked and limited as asked
 */
public record EndpointList(String service, Instant from, Instant to, List<EndpointSummary> endpoints) {
}
