package io.panopticon.alert.alerting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.panopticon.alert.web.IdCursor;
import io.panopticon.alert.web.Page;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code alerts} table, which is also the alert history. Every change of state is a
 * conditional update, so that two replicas racing on one alert change it once and only
 * the one that changed it notifies.
 */
@Component
public class AlertStore {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	AlertStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Alert> find(long id) {
		return this.jdbc.sql("SELECT * FROM alerts WHERE id = ?").param(id).query(AlertStore::alert).optional();
	}

	/**
	 * @param fingerprint a fingerprint
	 * @return its alert that is not resolved, if any
	 */
	public Optional<Alert> findActive(String fingerprint) {
		return this.jdbc.sql("SELECT * FROM alerts WHERE fingerprint = ? AND state <> 'resolved'")
			.param(fingerprint)
			.query(AlertStore::alert)
			.optional();
	}

	/**
	 * @param sloId an SLO
	 * @return its alerts that are not resolved
	 */
	public List<Alert> activeOfSlo(long sloId) {
		return this.jdbc.sql("SELECT * FROM alerts WHERE slo_id = ? AND state <> 'resolved' ORDER BY id")
			.param(sloId)
			.query(AlertStore::alert)
			.list();
	}

	/**
	 * @param sloIds some SLOs
	 * @return their alerts that are not resolved
	 */
	public List<Alert> activeOfSlos(Collection<Long> sloIds) {
		if (sloIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("SELECT * FROM alerts WHERE slo_id = ANY(?) AND state <> 'resolved'")
			.param(sloIds.toArray(Long[]::new))
			.query(AlertStore::alert)
			.list();
	}

	/**
	 * @param service only this service's, or null
	 * @return the alerts that are not resolved, newest first
	 */
	List<Alert> active(String service) {
		return this.jdbc.sql("""
				SELECT * FROM alerts WHERE state <> 'resolved' AND (CAST(? AS TEXT) IS NULL OR service_name = ?)
				ORDER BY starts_at DESC, id DESC""").params(service, service).query(AlertStore::alert).list();
	}

	/**
	 * Starts firing an alert, unless its fingerprint has one that is not resolved.
	 * @param alert the new alert (its id is ignored)
	 * @return the stored alert, or empty when another one holds the fingerprint
	 */
	public Optional<Alert> insertFiring(Alert alert, Instant now) {
		return this.jdbc.sql("""
				INSERT INTO alerts (fingerprint, slo_id, rule_id, name, service_name, environment, labels, severity,
				                    state, starts_at, burn_rate, value, time_window, last_notified_at, notifications)
				VALUES (?, ?, ?, ?, ?, ?, CAST(? AS JSONB), ?, 'firing', ?, ?, ?, ?, ?, 1)
				ON CONFLICT (fingerprint) WHERE state <> 'resolved' DO NOTHING
				RETURNING id""")
			.params(alert.fingerprint(), alert.sloId(), alert.ruleId(), alert.name(), alert.serviceName(),
					alert.environment(), JSON.writeValueAsString(alert.labels()), alert.severity(), Timestamp.from(now),
					alert.burnRate(), alert.value(), alert.window(), Timestamp.from(now))
			.query(Long.class)
			.optional()
			.flatMap(this::find);
	}

	/**
	 * Takes the turn to notify again, if the last notification is at least
	 * {@code notifiedBefore} old, and records the figure the notification carries.
	 * @return whether this caller took it
	 */
	public boolean claimRepeat(long id, Double burnRate, Double value, String window, Instant notifiedBefore,
			Instant now) {
		return this.jdbc.sql("""
				UPDATE alerts SET last_notified_at = ?, notifications = notifications + 1,
				       burn_rate = ?, value = ?, time_window = ?
				WHERE id = ? AND state = 'firing' AND last_notified_at <= ?""")
			.params(Timestamp.from(now), burnRate, value, window, id, Timestamp.from(notifiedBefore))
			.update() == 1;
	}

	/**
	 * Resolves an alert that fires.
	 * @return the resolved alert, or empty if it was no longer firing
	 */
	public Optional<Alert> resolve(long id, Instant now) {
		int changed = this.jdbc.sql("""
				UPDATE alerts SET state = 'resolved', ends_at = ?, last_notified_at = ?,
				       notifications = notifications + 1
				WHERE id = ? AND state <> 'resolved'""").params(Timestamp.from(now), Timestamp.from(now), id).update();
		return (changed == 1) ? find(id) : Optional.empty();
	}

	/**
	 * @return whether the alert was not acknowledged before
	 */
	boolean acknowledge(long id, String by, Instant now) {
		return this.jdbc.sql("""
				UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ?
				WHERE id = ? AND acknowledged_at IS NULL""").params(Timestamp.from(now), by, id).update() == 1;
	}

	Page<Alert> history(AlertQuery query) {
		StringBuilder sql = new StringBuilder("SELECT * FROM alerts WHERE true");
		List<Object> params = new ArrayList<>();
		condition(sql, params, " AND id < ?", query.before());
		condition(sql, params, " AND service_name = ?", query.service());
		condition(sql, params, " AND slo_id = ?", query.sloId());
		condition(sql, params, " AND rule_id = ?", query.ruleId());
		condition(sql, params, " AND severity = ?", query.severity());
		condition(sql, params, " AND state = ?", query.state());
		condition(sql, params, " AND starts_at >= ?", (query.from() != null) ? Timestamp.from(query.from()) : null);
		condition(sql, params, " AND starts_at < ?", (query.to() != null) ? Timestamp.from(query.to()) : null);
		sql.append(" ORDER BY id DESC LIMIT ?");
		params.add(query.limit() + 1);
		List<Alert> alerts = this.jdbc.sql(sql.toString()).params(params).query(AlertStore::alert).list();
		if (alerts.size() <= query.limit()) {
			return new Page<>(alerts, null);
		}
		List<Alert> page = alerts.subList(0, query.limit());
		return new Page<>(List.copyOf(page), IdCursor.encode(page.get(page.size() - 1).id()));
	}

	private static void condition(StringBuilder sql, List<Object> params, String clause, Object value) {
		if (value != null) {
			sql.append(clause);
			params.add(value);
		}
	}

	private static Alert alert(ResultSet row, int index) throws SQLException {
		return new Alert(row.getLong("id"), row.getString("fingerprint"), row.getString("name"),
				row.getString("service_name"), row.getString("environment"), nullableLong(row, "slo_id"),
				nullableLong(row, "rule_id"), JSON.readValue(row.getString("labels"), LABELS), row.getString("state"),
				row.getString("severity"), instant(row.getTimestamp("starts_at")), instant(row.getTimestamp("ends_at")),
				nullableDouble(row, "burn_rate"), nullableDouble(row, "value"), row.getString("time_window"),
				instant(row.getTimestamp("last_notified_at")), row.getInt("notifications"),
				instant(row.getTimestamp("acknowledged_at")), row.getString("acknowledged_by"));
	}

	private static Long nullableLong(ResultSet row, String column) throws SQLException {
		long value = row.getLong(column);
		return row.wasNull() ? null : value;
	}

	private static Double nullableDouble(ResultSet row, String column) throws SQLException {
		double value = row.getDouble(column);
		return row.wasNull() ? null : value;
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
