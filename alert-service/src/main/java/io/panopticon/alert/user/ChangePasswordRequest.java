package io.panopticon.alert.user;

/**
 * {@code PUT /api/auth/password}.
 *
 * @param oldPassword the current password
 * @param newPassword the new one, checked by the policy
 */
record ChangePasswordRequest(String oldPassword, String newPassword) {
}
