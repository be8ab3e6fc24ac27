package io.panopticon.alert.user;

/**
 * {@code POST /api/users}.
 *
 * @param username the login name (required)
 * @param email the e-mail address (required)
 * @param role {@code viewer}, {@code reporter} or {@code admin} (required)
 * @param password the first password (required, checked by the policy)
 * @param displayName the name shown; by default the user name
 * @param mustChangePassword whether the user must change it at first login; default false
 */
record CreateUserRequest(String username, String email, String role, String password, String displayName,
		Boolean mustChangePassword) {
}
