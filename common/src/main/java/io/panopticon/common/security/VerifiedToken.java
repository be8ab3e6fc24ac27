package io.panopticon.common.security;

import java.time.Instant;

/**
 * What a verified token says about its bearer.
 *
 * @param subject who the token was issued to (a user name)
 * @param role the bearer's role
 * @param expiresAt when the token stops being valid
 */
public record VerifiedToken(String subject, Role role, Instant expiresAt) {
}
