package io.panopticon.alert.user;

/**
 * Published when every refresh token of a user must stop working at once: the user was
 * deactivated or an admin reset the password.
 *
 * @param userId the user
 */
public record EndSessions(long userId) {
}
