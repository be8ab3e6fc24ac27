package io.panopticon.alert.auth;

/**
 * {@code POST /api/auth/login}.
 *
 * @param username the login name, whatever its case
 * @param password the password
 */
record LoginRequest(String username, String password) {

	@Override
	public String toString() {
		return "LoginRequest[username=" + this.username + "]";
	}

}
