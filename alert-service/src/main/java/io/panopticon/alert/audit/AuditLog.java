package io.panopticon.alert.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.panopticon.alert.web.Caller;
import io.panopticon.alert.web.IdCursor;
import io.panopticon.alert.web.Page;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The append-only record of who did what (table {@code audit_log}, whose trigger refuses
 * updates and deletes). The actor is the token's {@code sub} as text; its user name is
 * looked up when the subject is a user id.
 */
@Component
public class AuditLog {

	/** The outcome of an action that was done. */
	public static final String SUCCESS = "success";

	/** The outcome of an action that was refused. */
	public static final String FAILURE = "failure";

	private final JdbcClient jdbc;

	AuditLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records an action of a caller.
	 * @param caller who acted
	 * @param action what was done, for example {@code user.create}
	 * @param target what it was done to, for example {@code user:42}, or null
	 * @param outcome {@link #SUCCESS} or {@link #FAILURE}
	 */
	public void record(Caller caller, String action, String target, String outcome) {
		record(caller.subject(), null, caller.address(), action, target, outcome);
	}

	/**
	 * Records an action.
	 * @param actor the token's subject, a user id as text, or null
	 * @param actorUsername the actor's user name when known (a failed login's attempted
	 * name), else looked up from a user id
	 * @param address the client address, or null
	 * @param action what was done
	 * @param target what it was done to, or null
	 * @param outcome {@link #SUCCESS} or {@link #FAILURE}
	 */
	public void record(String actor, String actorUsername, String address, String action, String target,
			String outcome) {
		this.jdbc.sql("""
				INSERT INTO audit_log (actor, actor_username, action, target, client_address, outcome)
				VALUES (:actor, coalesce(:username, (SELECT username FROM users WHERE id::text = :actor)),
				        :action, :target, :address, :outcome)""")
			.param("actor", actor)
			.param("username", actorUsername)
			.param("action", action)
			.param("target", target)
			.param("address", address)
			.param("outcome", outcome)
			.update();
	}

	/**
	 * Entries newest first.
	 * @param query the filters and the page
	 * @return one page
	 */
	public Page<AuditEntry> find(AuditQuery query) {
		StringBuilder sql = new StringBuilder("SELECT * FROM audit_log WHERE true");
		List<Object> params = new ArrayList<>();
		if (query.before() != null) {
			sql.append(" AND id < ?");
			params.add(query.before());
		}
		if (query.actor() != null) {
			sql.append(" AND (actor = ? OR lower(actor_username) = lower(?))");
			params.add(query.actor());
			params.add(query.actor());
		}
		if (query.action() != null) {
			sql.append(" AND action = ?");
			params.add(query.action());
		}
		if (query.from() != null) {
			sql.append(" AND at >= ?");
			params.add(Timestamp.from(query.from()));
		}
		if (query.to() != null) {
			sql.append(" AND at < ?");
			params.add(Timestamp.from(query.to()));
		}
		sql.append(" ORDER BY id DESC LIMIT ?");
		params.add(query.limit() + 1);
		List<AuditEntry> entries = this.jdbc.sql(sql.toString()).params(params).query(AuditLog::entry).list();
		if (entries.size() <= query.limit()) {
			return new Page<>(entries, null);
		}
		List<AuditEntry> page = entries.subList(0, query.limit());
		return new Page<>(List.copyOf(page), IdCursor.encode(page.get(page.size() - 1).id()));
	}

	private static AuditEntry entry(ResultSet row, int index) throws SQLException {
		return new AuditEntry(row.getLong("id"), instant(row.getTimestamp("at")), row.getString("actor"),
				row.getString("actor_username"), row.getString("action"), row.getString("target"),
				row.getString("client_address"), row.getString("outcome"));
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
