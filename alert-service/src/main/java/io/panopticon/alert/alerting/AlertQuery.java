package io.panopticon.alert.alerting;

import java.time.Instant;

/**
 * What {@code GET /api/alerts/history} asks for.
 *
 * @param service only alerts of this service
 * @param sloId only alerts of this SLO
 * @param ruleId only alerts of this rule
 * @param severity only alerts of this severity
 * @param state only alerts in this state
 * @param from only alerts that started at or after this time
 * @param to only alerts that started before this time
 * @param before only alerts older than this id (from the cursor)
 * @param limit the page size
 */
record AlertQuery(String service, Long sloId, Long ruleId, String severity, String state, Instant from, Instant to,
		Long before, int limit) {
}
