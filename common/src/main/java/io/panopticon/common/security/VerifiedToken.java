package io.panopticon.common.security;

import java.time.Instant;

/**
 * What a verified token says about its bearer.
 *
 * @param subject who the token was issued to: a user's id, {@code apikey:<id>} for an API
 * key, any name for a token minted with the static key
 * @param role the bearer's role
 * @param expiresAt when the token stops being valid; null for an API key without expiry
 */
public record VerifiedToken(String subject, Role role, Instant expiresAt) {
}
