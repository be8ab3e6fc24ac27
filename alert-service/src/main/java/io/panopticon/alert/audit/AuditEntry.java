package io.panopticon.alert.audit;

import java.time.Instant;

/**
 * One line of the audit log.
 *
 * @param id the entry's id, increasing
 * @param at when it happened
 * @param actor the token's subject, or null for anonymous callers
 * @param actorUsername the actor's user name where there is one (for a failed login, the
 * name tried)
 * @param action what was done
 * @param target what it was done to
 * @param clientAddress the caller's address
 * @param outcome {@code success} or {@code failure}
 */
public record AuditEntry(long id, Instant at, String actor, String actorUsername, String action, String target,
		String clientAddress, String outcome) {
}
