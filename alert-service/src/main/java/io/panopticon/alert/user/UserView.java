package io.panopticon.alert.user;

import java.time.Instant;

/**
 * A user as the API shows it ({@code role} as the claim value).
 *
 * @param id the account's id
 * @param username the login name
 * @param email the e-mail address
 * @param displayName the name shown in the UI
 * @param role {@code viewer}, {@code reporter} or {@code admin}
 * @param active whether it may log in
 * @param mustChangePassword whether it must change its password first
 * @param createdAt when it was created
 * @param lastLoginAt its last login
 */
public record UserView(long id, String username, String email, String displayName, String role, boolean active,
		boolean mustChangePassword, Instant createdAt, Instant lastLoginAt) {

	public static UserView of(User user) {
		return new UserView(user.id(), user.username(), user.email(), user.displayName(), user.role().claimValue(),
				user.active(), user.mustChangePassword(), user.createdAt(), user.lastLoginAt());
	}

}
