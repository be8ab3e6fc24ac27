package io.panopticon.alert.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.panopticon.common.security.Role;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code users} table. */
@Component
public class UserStore {

	private static final String COLUMNS = "id, username, email, display_name, role, active, must_change_password, "
			+ "created_at, last_login_at";

	private final JdbcClient jdbc;

	UserStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<User> find(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = ?")
			.param(id)
			.query(UserStore::user)
			.optional();
	}

	/**
	 * @param username a login name, whatever its case
	 * @return the account, if any
	 */
	public Optional<User> findByUsername(String username) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE lower(username) = lower(?)")
			.param(username)
			.query(UserStore::user)
			.optional();
	}

	/**
	 * @param id an account id
	 * @return its bcrypt hash
	 */
	public String passwordHash(long id) {
		return this.jdbc.sql("SELECT password_hash FROM users WHERE id = ?").param(id).query(String.class).single();
	}

	/**
	 * @param afterId the id the page starts after, or null
	 * @param limit at most this many
	 * @return accounts by id
	 */
	List<User> list(Long afterId, int limit) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id > ? ORDER BY id LIMIT ?")
			.param((afterId != null) ? afterId : Long.MIN_VALUE)
			.param(limit)
			.query(UserStore::user)
			.list();
	}

	/**
	 * @throws org.springframework.dao.DuplicateKeyException if the name is taken
	 */
	User create(String username, String email, String displayName, Role role, String passwordHash,
			boolean mustChangePassword) {
		long id = this.jdbc.sql("""
				INSERT INTO users (username, email, display_name, role, password_hash, must_change_password)
				VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(username, email, displayName, role.claimValue(), passwordHash, mustChangePassword)
			.query(Long.class)
			.single();
		return find(id).orElseThrow();
	}

	void update(User user) {
		this.jdbc.sql("""
				UPDATE users SET email = ?, display_name = ?, role = ?, active = ?, must_change_password = ?
				WHERE id = ?""")
			.params(user.email(), user.displayName(), user.role().claimValue(), user.active(),
					user.mustChangePassword(), user.id())
			.update();
	}

	void setPassword(long id, String passwordHash, boolean mustChangePassword) {
		this.jdbc.sql("UPDATE users SET password_hash = ?, must_change_password = ? WHERE id = ?")
			.params(passwordHash, mustChangePassword, id)
			.update();
	}

	/** Records a successful login. */
	public void recordLogin(long id, Instant at) {
		this.jdbc.sql("UPDATE users SET last_login_at = ? WHERE id = ?").params(Timestamp.from(at), id).update();
	}

	int countActiveAdmins() {
		return this.jdbc.sql("SELECT count(*) FROM users WHERE role = 'admin' AND active")
			.query(Integer.class)
			.single();
	}

	private static User user(ResultSet row, int index) throws SQLException {
		Timestamp lastLogin = row.getTimestamp("last_login_at");
		return new User(row.getLong("id"), row.getString("username"), row.getString("email"),
				row.getString("display_name"), Role.fromClaim(row.getString("role")), row.getBoolean("active"),
				row.getBoolean("must_change_password"), row.getTimestamp("created_at").toInstant(),
				(lastLogin != null) ? lastLogin.toInstant() : null);
	}

}
