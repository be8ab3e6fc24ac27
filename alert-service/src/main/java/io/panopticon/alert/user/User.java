package io.panopticon.alert.user;

import java.time.Instant;

import io.panopticon.common.security.Role;

/**
 * An account. Its password hash is kept apart ({@link UserStore#passwordHash}) so that it
 * is never serialised.
 *
 * @param id the account's id, the {@code sub} of its tokens
 * @param username the login name, unique whatever its case
 * @param email the e-mail address, null for the first admin
 * @param displayName the name shown in the UI
 * @param role the role its tokens carry
 * @param active whether it may log in and refresh
 * @param mustChangePassword whether it must change its password before anything else
 * @param createdAt when it was created
 * @param lastLoginAt its last successful login, null if none
 */
public record User(long id, String username, String email, String displayName, Role role, boolean active,
		boolean mustChangePassword, Instant createdAt, Instant lastLoginAt) {
}
