package io.panopticon.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database of its own for one test JVM on a shared PostgreSQL server, dropped again
 * when closed.
 */
final class PostgresDatabase implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(PostgresDatabase.class);

	/** Names are {@code panopticon_it_<pid of the test JVM>_<random>}. */
	private static final Pattern NAME = Pattern.compile("panopticon_it_(\\d+)_[0-9a-f]+");

	private final PostgresEndpoint admin;

	private final String name;

	private final PostgresEndpoint endpoint;

	private PostgresDatabase(PostgresEndpoint admin, String name, PostgresEndpoint endpoint) {
		this.admin = admin;
		this.name = name;
		this.endpoint = endpoint;
	}

	/**
	 * Create a fresh database on the server at {@code serverUrl}. Databases that test
	 * JVMs on this machine left behind when they died are dropped first.
	 * @param serverUrl JDBC URL up to and including the slash before the database name
	 * @param username a user allowed to create databases
	 * @param password its password
	 * @param advice what to do when the server does not answer, for the message
	 * @return the new database
	 */
	static PostgresDatabase create(String serverUrl, String username, String password, String advice) {
		PostgresEndpoint admin = new PostgresEndpoint(serverUrl + "postgres", username, password);
		LocalServices.checkPostgres(admin, advice);
		String name = "panopticon_it_" + ProcessHandle.current().pid() + "_"
				+ HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
		try (Connection connection = LocalServices.connect(admin); Statement statement = connection.createStatement()) {
			dropDatabasesOfDeadJvms(statement);
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(
					"Could not create database " + name + " on " + admin + ": " + ex.getMessage(), ex);
		}
		PostgresDatabase database = new PostgresDatabase(admin, name,
				new PostgresEndpoint(serverUrl + name, username, password));
		log.info("Created PostgreSQL database {}", database.endpoint);
		return database;
	}

	/**
	 * How to reach the database.
	 * @return its endpoint
	 */
	PostgresEndpoint endpoint() {
		return this.endpoint;
	}

	/**
	 * Drop the database, closing connections to it that are still open.
	 */
	@Override
	public void close() {
		try (Connection connection = LocalServices.connect(this.admin);
				Statement statement = connection.createStatement()) {
			boolean force = connection.getMetaData().getDatabaseMajorVersion() >= 13;
			statement.execute("DROP DATABASE IF EXISTS " + this.name + (force ? " WITH (FORCE)" : ""));
		}
		catch (SQLException ex) {
			log.warn("Could not drop PostgreSQL database {}: {}", this.name, ex.getMessage());
		}
	}

	private static void dropDatabasesOfDeadJvms(Statement statement) throws SQLException {
		List<String> stale = new ArrayList<>();
		try (ResultSet names = statement
			.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'panopticon\\_it\\_%'")) {
			while (names.next()) {
				Matcher matcher = NAME.matcher(names.getString(1));
				if (matcher.matches() && !ProcessHandle.of(Long.parseLong(matcher.group(1)))
					.map(ProcessHandle::isAlive)
					.orElse(false)) {
					stale.add(matcher.group());
				}
			}
		}
		for (String name : stale) {
			try {
				// Without FORCE: a database someone is connected to stays.
				statement.execute("DROP DATABASE IF EXISTS " + name);
				log.info("Dropped PostgreSQL database {} of a test JVM that is gone", name);
			}
			catch (SQLException ex) {
				log.debug("Kept database {}: {}", name, ex.getMessage());
			}
		}
	}

}
