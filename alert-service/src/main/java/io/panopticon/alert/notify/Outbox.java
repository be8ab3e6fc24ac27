package io.panopticon.alert.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.panopticon.alert.web.IdCursor;
import io.panopticon.alert.web.Page;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notification outbox (tables {@code notification_outbox} and
 * {@code notification_attempts}): {@link #enqueue} writes in the caller's transaction,
 * the {@link DeliveryWorker} claims due rows, and every attempt is recorded. Times are
 * the database's, so replicas whose clocks differ agree on what is due.
 */
@Component
class Outbox implements Notifications {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final TransactionTemplate transactions;

	Outbox(JdbcClient jdbc, JsonMapper json, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.json = json;
		this.transactions = transactions;
	}

	/**
	 * Queues the message for each existing channel of the list, in the caller's
	 * transaction if there is one.
	 */
	@Override
	public void enqueue(AlertNotification notification, Collection<Long> channelIds) {
		if (channelIds == null || channelIds.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				INSERT INTO notification_outbox (channel_id, alert_id, payload)
				SELECT id, ?, ?::jsonb FROM channels WHERE id = ANY(?) ORDER BY id""")
			.params(notification.alertId(), this.json.writeValueAsString(notification),
					channelIds.stream().distinct().toArray(Long[]::new))
			.update();
	}

	/**
	 * Queues one message for one channel, to be sent by the caller: it is due for the
	 * workers only once the hold has passed, so that none of them sends it as well before
	 * the caller claims it (and one does if the caller stops first).
	 * @param hold how long the message is left to the caller, such as the claim's lease
	 * @return the row, or empty if there is no such channel
	 */
	Optional<Claimable> enqueueOne(AlertNotification notification, long channelId, Duration hold) {
		return this.jdbc.sql("""
				INSERT INTO notification_outbox (channel_id, alert_id, payload, next_attempt_at)
				SELECT id, ?, ?::jsonb, now() + ? * interval '1 millisecond' FROM channels WHERE id = ?
				RETURNING id, delivery_id""")
			.params(notification.alertId(), this.json.writeValueAsString(notification), hold.toMillis(), channelId)
			.query((row, index) -> new Claimable(row.getLong("id"), row.getObject("delivery_id", UUID.class)))
			.optional();
	}

	/**
	 * Claims due messages: they stay pending, but are due again only once the lease has
	 * passed, so no other replica takes them while this one sends.
	 * @param limit how many at most
	 * @param lease how long the claim holds
	 * @return the claimed messages, each with its attempt number
	 */
	List<Claimed> claim(int limit, Duration lease) {
		return this.jdbc.sql("""
				UPDATE notification_outbox o
				SET attempts = o.attempts + 1, next_attempt_at = now() + ? * interval '1 millisecond'
				WHERE o.id IN (SELECT id FROM notification_outbox
				               WHERE state = 'pending' AND next_attempt_at <= now()
				               ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED)
				RETURNING o.id, o.delivery_id, o.channel_id, o.payload::text AS payload, o.attempts""")
			.params(lease.toMillis(), limit)
			.query(this::claimed)
			.list();
	}

	/**
	 * Claims one pending message, due or not, unless another replica holds it.
	 * @return the claimed message, or empty
	 */
	Optional<Claimed> claim(long id, Duration lease) {
		return this.jdbc.sql("""
				UPDATE notification_outbox o
				SET attempts = o.attempts + 1, next_attempt_at = now() + ? * interval '1 millisecond'
				WHERE o.id IN (SELECT id FROM notification_outbox WHERE id = ? AND state = 'pending'
				               FOR UPDATE SKIP LOCKED)
				RETURNING o.id, o.delivery_id, o.channel_id, o.payload::text AS payload, o.attempts""")
			.params(lease.toMillis(), id)
			.query(this::claimed)
			.optional();
	}

	AlertNotification notification(Claimed claimed) {
		return this.json.readValue(claimed.payload(), AlertNotification.class);
	}

	/**
	 * Records an attempt and its consequence for the message: delivered, failed, or due
	 * again after the pause. Nothing is written if the message was claimed again
	 * meanwhile (this attempt outlived its lease) or deleted with its channel.
	 * @param claimed the message as claimed
	 * @param attempt what came of it
	 * @param took how long the attempt took
	 * @param retryIn the pause before the next attempt (for {@link Attempt#RETRY})
	 */
	void record(Claimed claimed, Attempt attempt, Duration took, Duration retryIn) {
		this.transactions.executeWithoutResult((status) -> {
			String state = switch (attempt.outcome()) {
				case Attempt.DELIVERED -> "delivered";
				case Attempt.FAILED -> "failed";
				default -> "pending";
			};
			int updated = this.jdbc.sql("""
					UPDATE notification_outbox
					SET state = ?, last_error = ?,
					    finished_at = CASE WHEN ? = 'pending' THEN NULL ELSE now() END,
					    next_attempt_at = CASE WHEN ? = 'pending' THEN now() + ? * interval '1 millisecond'
					                      ELSE next_attempt_at END
					WHERE id = ? AND attempts = ?""")
				.params(state, attempt.error(), state, state, (retryIn != null) ? retryIn.toMillis() : 0L, claimed.id(),
						claimed.attempt())
				.update();
			if (updated == 1) {
				this.jdbc.sql("""
						INSERT INTO notification_attempts
						    (outbox_id, channel_id, attempt, at, status_code, outcome, error, duration_ms)
						VALUES (?, ?, ?, now(), ?, ?, ?, ?)""")
					.params(claimed.id(), claimed.channelId(), claimed.attempt(), attempt.statusCode(),
							attempt.outcome(), attempt.error(), took.toMillis())
					.update();
			}
		});
	}

	/**
	 * Deletes delivered and failed messages, with their attempts, that finished before
	 * the retention.
	 * @param retention how long they are kept
	 * @return how many were deleted
	 */
	int deleteFinished(Duration retention) {
		return this.jdbc.sql("""
				DELETE FROM notification_outbox
				WHERE state <> 'pending' AND finished_at < now() - ? * interval '1 millisecond'""")
			.param(retention.toMillis())
			.update();
	}

	/**
	 * A channel's attempts, newest first.
	 * @param channelId the channel
	 * @param before only attempts older than this id, or null
	 * @param limit the page size
	 * @return one page
	 */
	Page<DeliveryView> attempts(long channelId, Long before, int limit) {
		List<DeliveryView> attempts = this.jdbc.sql("""
				SELECT a.*, o.delivery_id, o.alert_id, o.state FROM notification_attempts a
				JOIN notification_outbox o ON o.id = a.outbox_id
				WHERE a.channel_id = ? AND a.id < ? ORDER BY a.id DESC LIMIT ?""")
			.params(channelId, (before != null) ? before : Long.MAX_VALUE, limit + 1)
			.query(Outbox::view)
			.list();
		if (attempts.size() <= limit) {
			return new Page<>(attempts, null);
		}
		List<DeliveryView> page = attempts.subList(0, limit);
		return new Page<>(List.copyOf(page), IdCursor.encode(page.get(page.size() - 1).id()));
	}

	private Claimed claimed(ResultSet row, int index) throws SQLException {
		return new Claimed(row.getLong("id"), row.getObject("delivery_id", UUID.class), row.getLong("channel_id"),
				row.getString("payload"), row.getInt("attempts"));
	}

	private static DeliveryView view(ResultSet row, int index) throws SQLException {
		Timestamp at = row.getTimestamp("at");
		int status = row.getInt("status_code");
		Integer statusCode = row.wasNull() ? null : status;
		return new DeliveryView(row.getLong("id"), row.getObject("delivery_id", UUID.class).toString(),
				row.getString("alert_id"), row.getInt("attempt"), (at != null) ? at.toInstant() : (Instant) null,
				row.getString("outcome"), statusCode, row.getString("error"), row.getLong("duration_ms"),
				row.getString("state"));
	}

	/**
	 * A queued message.
	 *
	 * @param id its row
	 * @param deliveryId its delivery id
	 */
	record Claimable(long id, UUID deliveryId) {
	}

	/**
	 * A message claimed for one attempt.
	 *
	 * @param id its row
	 * @param deliveryId its delivery id, the same on every attempt
	 * @param channelId the channel
	 * @param payload the notification as JSON
	 * @param attempt the number of this attempt, from 1
	 */
	record Claimed(long id, UUID deliveryId, long channelId, String payload, int attempt) {
	}

}
