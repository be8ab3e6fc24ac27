package io.panopticon.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Checks that Redis and PostgreSQL servers answer, so that a missing server fails the
 * tests with a message that says what to do instead of a timeout deep in a client.
 */
final class LocalServices {

	/** The machine's own Redis. */
	static final HostAndPort LOCAL_REDIS = new HostAndPort("127.0.0.1", 6379);

	/** JDBC URL of the machine's own PostgreSQL server, without a database. */
	static final String LOCAL_POSTGRES_SERVER = "jdbc:postgresql://127.0.0.1:5432/";

	/** User of the machine's own PostgreSQL server (trust authentication). */
	static final String LOCAL_POSTGRES_USER = "postgres";

	private static final int TIMEOUT_MILLIS = 5000;

	private LocalServices() {
	}

	/**
	 * Fail unless Redis at {@code address} answers {@code PING} with {@code +PONG}.
	 * @param address the server
	 * @param advice what to do when it does not, appended to the message
	 */
	static void checkRedis(HostAndPort address, String advice) {
		String reply;
		try {
			reply = ping(address);
		}
		catch (IOException ex) {
			throw new IllegalStateException("No Redis answers at " + address + " (" + ex + "); " + advice, ex);
		}
		if (!"+PONG".equals(reply)) {
			throw new IllegalStateException(
					"Redis at " + address + " answered '" + reply + "' to PING instead of +PONG; " + advice);
		}
	}

	/**
	 * Send {@code PING} to a Redis server.
	 * @param address the server
	 * @return its reply line, {@code +PONG} when it is well, or null when it closed the
	 * connection
	 * @throws IOException when it cannot be reached
	 */
	static String ping(HostAndPort address) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(address.host(), address.port()), TIMEOUT_MILLIS);
			socket.setSoTimeout(TIMEOUT_MILLIS);
			OutputStream out = socket.getOutputStream();
			out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
				.readLine();
		}
	}

	/**
	 * Fail unless PostgreSQL at {@code endpoint} runs {@code select 1}.
	 * @param endpoint the database
	 * @param advice what to do when it does not, appended to the message
	 */
	static void checkPostgres(PostgresEndpoint endpoint, String advice) {
		try (Connection connection = connect(endpoint); Statement statement = connection.createStatement()) {
			statement.execute("select 1");
		}
		catch (SQLException ex) {
			throw new IllegalStateException(
					"No PostgreSQL answers at " + endpoint + " (" + ex.getMessage() + "); " + advice, ex);
		}
	}

	/**
	 * Open a JDBC connection with a connect timeout.
	 * @param endpoint the database
	 * @return the connection
	 * @throws SQLException when it cannot be opened
	 */
	static Connection connect(PostgresEndpoint endpoint) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", endpoint.username());
		properties.setProperty("password", endpoint.password());
		properties.setProperty("connectTimeout", Integer.toString(TIMEOUT_MILLIS / 1000));
		return DriverManager.getConnection(endpoint.jdbcUrl(), properties);
	}

}
