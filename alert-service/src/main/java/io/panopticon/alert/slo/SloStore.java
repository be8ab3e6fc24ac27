package io.panopticon.alert.slo;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code slos} table, and the evaluation claim on it. */
@Component
public class SloStore {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
	};

	private static final TypeReference<List<BurnRateAlert>> ALERTS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	SloStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param id an SLO id
	 * @return the SLO, if any
	 */
	public Optional<Slo> find(long id) {
		return this.jdbc.sql("SELECT * FROM slos WHERE id = ?").param(id).query(SloStore::slo).optional();
	}

	List<Slo> list(String service, Long afterId, int limit) {
		return this.jdbc.sql("""
				SELECT * FROM slos WHERE id > ? AND (CAST(? AS TEXT) IS NULL OR service_name = ?)
				ORDER BY id LIMIT ?""")
			.params((afterId != null) ? afterId : 0L, service, service, limit)
			.query(SloStore::slo)
			.list();
	}

	/**
	 * Stores a new SLO, due for evaluation at once.
	 * @param slo what it says
	 * @param createdBy the creator's token subject, or null
	 * @param now the time
	 * @return the stored SLO
	 */
	public Slo create(SloDefinition slo, String createdBy, Instant now) {
		long id = this.jdbc.sql("""
				INSERT INTO slos (name, service_name, environment, endpoint, indicator, threshold, objective,
				                  window_days, channel_ids, labels, burn_rate_alerts, created_at, updated_at,
				                  created_by, next_evaluation_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS JSONB), CAST(? AS JSONB), ?, ?, ?, ?) RETURNING id""")
			.params(slo.name(), slo.serviceName(), slo.environment(), slo.endpoint(), slo.indicator().apiName(),
					slo.threshold(), slo.objective(), slo.windowDays(), slo.channels().toArray(Long[]::new),
					JSON.writeValueAsString(slo.labels()), JSON.writeValueAsString(slo.burnRateAlerts()),
					Timestamp.from(now), Timestamp.from(now), createdBy, Timestamp.from(now))
			.query(Long.class)
			.single();
		return find(id).orElseThrow();
	}

	/**
	 * Replaces an SLO's definition; it is evaluated at the next turn.
	 * @return whether the SLO exists
	 */
	boolean update(long id, SloDefinition slo, Instant now) {
		return this.jdbc.sql("""
				UPDATE slos SET name = ?, service_name = ?, environment = ?, endpoint = ?, indicator = ?,
				       threshold = ?, objective = ?, window_days = ?, channel_ids = ?, labels = CAST(? AS JSONB),
				       burn_rate_alerts = CAST(? AS JSONB), updated_at = ?, next_evaluation_at = ?
				WHERE id = ?""")
			.params(slo.name(), slo.serviceName(), slo.environment(), slo.endpoint(), slo.indicator().apiName(),
					slo.threshold(), slo.objective(), slo.windowDays(), slo.channels().toArray(Long[]::new),
					JSON.writeValueAsString(slo.labels()), JSON.writeValueAsString(slo.burnRateAlerts()),
					Timestamp.from(now), Timestamp.from(now), id)
			.update() == 1;
	}

	boolean delete(long id) {
		return this.jdbc.sql("DELETE FROM slos WHERE id = ?").param(id).update() == 1;
	}

	/**
	 * Claims the SLOs due for evaluation: each is moved one interval on in the same
	 * statement, and rows another replica is claiming are skipped, so an SLO is evaluated
	 * by one replica once per interval.
	 * @param now the time
	 * @param interval the evaluation interval
	 * @param limit at most this many
	 * @return the claimed SLOs
	 */
	public List<Slo> claimDue(Instant now, Duration interval, int limit) {
		return this.jdbc.sql("""
				UPDATE slos SET next_evaluation_at = ?
				WHERE id IN (SELECT id FROM slos WHERE next_evaluation_at <= ?
				             ORDER BY next_evaluation_at LIMIT ? FOR UPDATE SKIP LOCKED)
				RETURNING *""")
			.params(Timestamp.from(now.plus(interval)), Timestamp.from(now), limit)
			.query(SloStore::slo)
			.list();
	}

	private static Slo slo(ResultSet row, int index) throws SQLException {
		double threshold = row.getDouble("threshold");
		Double thresholdValue = row.wasNull() ? null : threshold;
		return new Slo(row.getLong("id"), row.getString("name"), row.getString("service_name"),
				row.getString("environment"), row.getString("endpoint"), row.getString("indicator"), thresholdValue,
				row.getDouble("objective"), row.getInt("window_days"), ids(row.getArray("channel_ids")),
				JSON.readValue(row.getString("labels"), LABELS),
				JSON.readValue(row.getString("burn_rate_alerts"), ALERTS), row.getTimestamp("created_at").toInstant(),
				row.getTimestamp("updated_at").toInstant(), row.getString("created_by"));
	}

	private static List<Long> ids(Array array) throws SQLException {
		return (array != null) ? Arrays.asList((Long[]) array.getArray()) : List.of();
	}

}
