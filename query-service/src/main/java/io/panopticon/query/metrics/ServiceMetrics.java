package io.panopticon.query.metrics;

import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code GET /api/services/{name}/metrics}.
 *
 * @param service the service
 * @param from the start of the range
 * @param to its end
 * @param interval the width of a point, such as {@code 1m} or {@code 1h}
 * @param points one per interval from the one holding {@code from} to the one holding the
 * end, empty intervals included
 */
public record ServiceMetrics(String service, Instant from, Instant to, String interval, List<MetricsPoint> points) {
}
