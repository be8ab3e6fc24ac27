package io.panopticon.alert.auth;

/**
 * {@code POST /api/auth/refresh} and {@code POST /api/auth/logout}.
 *
 * @param refreshToken the refresh token of the last login or refresh
 */
record RefreshRequest(String refreshToken) {

	@Override
	public String toString() {
		return "RefreshRequest[...]";
	}

}
