package io.panopticon.testing;

/**
 * How to reach a PostgreSQL database.
 *
 * @param jdbcUrl JDBC URL of the database
 * @param username user name
 * @param password password (empty for trust authentication)
 */
record PostgresEndpoint(String jdbcUrl, String username, String password) {

	@Override
	public String toString() {
		// Never the password.
		return this.jdbcUrl + " as " + this.username;
	}

}
