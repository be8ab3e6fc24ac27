package io.panopticon.alert.auth;

import io.panopticon.alert.user.UserView;

/**
 * The answer of a login or refresh.
 *
 * @param accessToken the RS256 access token
 * @param refreshToken the refresh token, shown only now
 * @param expiresIn the access token's lifetime in seconds
 * @param tokenType always {@code Bearer}
 * @param user the account
 */
record TokenResponse(String accessToken, String refreshToken, long expiresIn, String tokenType, UserView user) {
}
