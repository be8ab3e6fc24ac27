package io.panopticon.alert.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import io.panopticon.alert.AlertProperties;
import io.panopticon.alert.user.EndSessions;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refresh tokens (table {@code refresh_tokens}), opaque ({@code rt_} and 32 random bytes)
 * and stored only as their SHA-256. A login starts a family that lives
 * {@code refresh-token-ttl}; each use marks the token used and issues the next one of the
 * family, which must be used within {@code refresh-idle-timeout}. A used token shown
 * again means it was copied: the whole family is revoked.
 */
@Component
class RefreshTokens {

	private static final String PREFIX = "rt_";

	private final JdbcClient jdbc;

	private final Duration ttl;

	private final Duration idleTimeout;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private final TransactionTemplate transactions;

	RefreshTokens(JdbcClient jdbc, TransactionTemplate transactions, AlertProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.ttl = properties.refreshTokenTtl();
		this.idleTimeout = properties.refreshIdleTimeout();
		this.clock = clock;
	}

	/**
	 * Starts a family.
	 * @param userId the user who logged in
	 * @return the refresh token, to be shown once
	 */
	String start(long userId) {
		Instant now = this.clock.instant();
		return insert(userId, UUID.randomUUID(), now, now.plus(this.ttl));
	}

	/**
	 * Uses a refresh token: it is spent, and the next one of its family is returned.
	 * @param token the refresh token the caller sent
	 * @return the outcome
	 */
	Rotation rotate(String token) {
		// One transaction, its row locked: of two concurrent uses one rotates and the
		// other
		// is a reuse. The caller's later refusal must not undo a family's revocation, so
		// the transaction ends here.
		return this.transactions.execute((status) -> rotateLocked(token));
	}

	private Rotation rotateLocked(String token) {
		Instant now = this.clock.instant();
		Row row = this.jdbc.sql("""
				SELECT id, family, user_id, issued_at, expires_at, used_at, revoked_at
				FROM refresh_tokens WHERE token_hash = ? FOR UPDATE""")
			.param(hash(token))
			.query((rs, index) -> new Row(rs.getLong("id"), rs.getObject("family", UUID.class), rs.getLong("user_id"),
					rs.getTimestamp("issued_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
					rs.getTimestamp("used_at") != null, rs.getTimestamp("revoked_at") != null))
			.optional()
			.orElse(null);
		if (row == null) {
			return Rotation.refused(Outcome.UNKNOWN, null);
		}
		if (row.revoked()) {
			return Rotation.refused(Outcome.REVOKED, row.userId());
		}
		if (row.used()) {
			revokeFamily(row.family(), now);
			return Rotation.refused(Outcome.REUSED, row.userId());
		}
		if (!now.isBefore(row.expiresAt())) {
			return Rotation.refused(Outcome.EXPIRED, row.userId());
		}
		if (!now.isBefore(row.issuedAt().plus(this.idleTimeout))) {
			revokeFamily(row.family(), now);
			return Rotation.refused(Outcome.IDLE, row.userId());
		}
		this.jdbc.sql("UPDATE refresh_tokens SET used_at = ? WHERE id = ?")
			.params(Timestamp.from(now), row.id())
			.update();
		String next = insert(row.userId(), row.family(), now, row.expiresAt());
		return new Rotation(Outcome.ROTATED, row.userId(), next, row.family());
	}

	/**
	 * Ends the login a refresh token belongs to.
	 * @param token the refresh token
	 * @return the user id, or null if the token is unknown
	 */
	Long revoke(String token) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("SELECT family, user_id FROM refresh_tokens WHERE token_hash = ?")
			.param(hash(token))
			.query((rs, index) -> {
				revokeFamily(rs.getObject("family", UUID.class), now);
				return rs.getLong("user_id");
			})
			.optional()
			.orElse(null);
	}

	void revokeFamily(UUID family, Instant now) {
		this.jdbc.sql("UPDATE refresh_tokens SET revoked_at = ? WHERE family = ? AND revoked_at IS NULL")
			.params(Timestamp.from(now), family)
			.update();
	}

	@EventListener
	void endSessions(EndSessions event) {
		this.jdbc.sql("UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")
			.params(Timestamp.from(this.clock.instant()), event.userId())
			.update();
	}

	private String insert(long userId, UUID family, Instant issuedAt, Instant expiresAt) {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		this.jdbc.sql("""
				INSERT INTO refresh_tokens (token_hash, family, user_id, issued_at, expires_at)
				VALUES (?, ?, ?, ?, ?)""")
			.params(hash(token), family, userId, Timestamp.from(issuedAt), Timestamp.from(expiresAt))
			.update();
		return token;
	}

	static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("No SHA-256 in this JVM", ex);
		}
	}

	private record Row(long id, UUID family, long userId, Instant issuedAt, Instant expiresAt, boolean used,
			boolean revoked) {
	}

	enum Outcome {

		ROTATED, UNKNOWN, REVOKED, REUSED, EXPIRED, IDLE

	}

	/**
	 * What a refresh did.
	 *
	 * @param outcome rotated, or why not
	 * @param userId the token's user, if the token was known
	 * @param token the next refresh token when rotated
	 * @param family the login's family when rotated
	 */
	record Rotation(Outcome outcome, Long userId, String token, UUID family) {

		static Rotation refused(Outcome outcome, Long userId) {
			return new Rotation(outcome, userId, null, null);
		}

	}

}
