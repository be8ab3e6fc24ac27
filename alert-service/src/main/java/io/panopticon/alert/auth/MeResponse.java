package io.panopticon.alert.auth;

import io.panopticon.alert.user.UserView;

/**
 * {@code GET /api/auth/me}.
 *
 * @param claims what the caller's token says
 * @param user the account the token belongs to, null when its subject is no user (a
 * stack-minted token, an API key)
 */
record MeResponse(Claims claims, UserView user) {

	/**
	 * @param sub the subject
	 * @param role the role
	 * @param exp the expiry in epoch seconds, null for an API key without expiry
	 */
	record Claims(String sub, String role, Long exp) {
	}

}
