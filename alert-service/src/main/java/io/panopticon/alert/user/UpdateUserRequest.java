package io.panopticon.alert.user;

/**
 * {@code PATCH /api/users/{id}}: every field is optional; absent ones stay.
 *
 * @param role the new role
 * @param active false deactivates the user and revokes its refresh tokens at once
 * @param password a new password (a reset: its refresh tokens are revoked, and the user
 * must change it at the next login unless {@code mustChangePassword} is false)
 * @param email the new e-mail address
 * @param displayName the new display name
 * @param mustChangePassword whether the user must change the password first
 */
record UpdateUserRequest(String role, Boolean active, String password, String email, String displayName,
		Boolean mustChangePassword) {
}
