package io.panopticon.alert.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.panopticon.common.security.ApiKeyIntrospector;
import io.panopticon.common.security.Role;
import io.panopticon.common.security.VerifiedToken;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * API keys (table {@code api_keys}): {@code pk_} and 32 random bytes, stored only as the
 * SHA-256, shown once. This is also alert-service's own {@link ApiKeyIntrospector}: it
 * reads the table directly, while other services ask {@code POST /api/auth/introspect}.
 */
@Component
class ApiKeys implements ApiKeyIntrospector {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	ApiKeys(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * @return the stored key and the key itself, to be shown once
	 */
	Created create(String name, Role role, Instant expiresAt, String createdBy) {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		long id = this.jdbc.sql("""
				INSERT INTO api_keys (name, role, key_hash, key_prefix, created_at, created_by, expires_at)
				VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(name, role.claimValue(), hash(key), key.substring(0, 7), Timestamp.from(this.clock.instant()),
					createdBy, (expiresAt != null) ? Timestamp.from(expiresAt) : null)
			.query(Long.class)
			.single();
		return new Created(find(id).orElseThrow(), key);
	}

	List<ApiKey> list() {
		return this.jdbc.sql("SELECT * FROM api_keys ORDER BY id").query(ApiKeys::apiKey).list();
	}

	Optional<ApiKey> find(long id) {
		return this.jdbc.sql("SELECT * FROM api_keys WHERE id = ?").param(id).query(ApiKeys::apiKey).optional();
	}

	/**
	 * @return whether a key that was not yet revoked is now
	 */
	boolean revoke(long id) {
		return this.jdbc.sql("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
			.params(Timestamp.from(this.clock.instant()), id)
			.update() == 1;
	}

	@Override
	public Optional<VerifiedToken> introspect(String apiKey) {
		Instant now = this.clock.instant();
		Optional<ApiKey> found = this.jdbc.sql("""
				SELECT * FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL
				AND (expires_at IS NULL OR expires_at > ?)""")
			.params(hash(apiKey), Timestamp.from(now))
			.query(ApiKeys::apiKey)
			.optional();
		found.ifPresent((key) -> {
			// At most one write a minute per key, however busy it is.
			this.jdbc.sql("""
					UPDATE api_keys SET last_used_at = ?
					WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)""")
				.params(Timestamp.from(now), key.id(), Timestamp.from(now.minusSeconds(60)))
				.update();
		});
		return found.map((key) -> new VerifiedToken(key.subject(), Role.fromClaim(key.role()), key.expiresAt()));
	}

	private static byte[] hash(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("No SHA-256 in this JVM", ex);
		}
	}

	private static ApiKey apiKey(ResultSet row, int index) throws SQLException {
		return new ApiKey(row.getLong("id"), row.getString("name"), row.getString("role"), row.getString("key_prefix"),
				instant(row.getTimestamp("created_at")), row.getString("created_by"),
				instant(row.getTimestamp("expires_at")), instant(row.getTimestamp("revoked_at")),
				instant(row.getTimestamp("last_used_at")));
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/**
	 * @param apiKey the stored key
	 * @param key the key itself
	 */
	record Created(ApiKey apiKey, String key) {
	}

}
