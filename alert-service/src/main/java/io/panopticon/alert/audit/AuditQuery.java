package io.panopticon.alert.audit;

import java.time.Instant;

/**
 * What {@code GET /api/audit} asks for.
 *
 * @param actor only entries of this subject or user name
 * @param action only entries of this action
 * @param from only entries at or after this time
 * @param to only entries before this time
 * @param before only entries older than this id (from the cursor)
 * @param limit the page size
 */
record AuditQuery(String actor, String action, Instant from, Instant to, Long before, int limit) {
}
