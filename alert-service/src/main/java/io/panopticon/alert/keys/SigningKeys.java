package io.panopticon.alert.keys;

import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.panopticon.alert.AlertProperties;
import io.panopticon.alert.secret.SecretBox;
import io.panopticon.common.autoconfigure.PanopticonJwtProperties;
import io.panopticon.common.security.JwkSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The token signing keys (table {@code signing_keys}): the current one signs, retired
 * ones stay published until every token they signed has expired (the access-token
 * lifetime plus the clock skew after retirement). The first key is
 * {@code PANOPTICON_JWT_PRIVATE_KEY} when set, else generated; it is created on first
 * use, not at start. Each replica reads the current key again every
 * {@value #CURRENT_SECONDS} s, so a rotation on one replica reaches the others that fast.
 */
@Component
public class SigningKeys {

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	static final long CURRENT_SECONDS = 10;

	private final JdbcClient jdbc;

	private final SecretBox secrets;

	private final SigningKeyProperties properties;

	private final Duration retention;

	private final Clock clock;

	/** Stands for a current key sealed under another secret key. */
	private static final SigningKey UNREADABLE = new SigningKey("unreadable", null, null, Instant.EPOCH);

	private volatile SigningKey current;

	private volatile Instant currentReadAt = Instant.MIN;

	SigningKeys(JdbcClient jdbc, SecretBox secrets, SigningKeyProperties properties, AlertProperties alert,
			PanopticonJwtProperties jwt, Clock clock) {
		this.jdbc = jdbc;
		this.secrets = secrets;
		this.properties = properties;
		this.retention = alert.accessTokenTtl().plus(jwt.clockSkew());
		this.clock = clock;
	}

	/**
	 * The key that signs now.
	 * @return the current key, created if there is none
	 */
	public SigningKey current() {
		Instant now = this.clock.instant();
		SigningKey key = this.current;
		if (key != null && now.isBefore(this.currentReadAt.plusSeconds(CURRENT_SECONDS))) {
			return key;
		}
		key = readCurrent();
		if (key == null) {
			createFirst(now);
			key = readCurrent();
		}
		if (key == UNREADABLE) {
			// Sealed under another PANOPTICON_SECRET_KEY: its public key stays published,
			// so its tokens keep working, but it can sign no more.
			log.warn("The current signing key cannot be decrypted with PANOPTICON_SECRET_KEY "
					+ "(was the secret key changed?); rotating to a new key");
			replaceCurrent(null);
			key = readCurrent();
		}
		this.current = key;
		this.currentReadAt = now;
		return key;
	}

	/**
	 * The keys that verify tokens: the current one and the retired ones some token may
	 * still carry.
	 * @return the public keys by kid, newest first
	 */
	public Map<String, RSAPublicKey> published() {
		current();
		Instant oldest = this.clock.instant().minus(this.retention);
		Map<String, RSAPublicKey> keys = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT kid, public_key FROM signing_keys
				WHERE retired_at IS NULL OR retired_at > ? ORDER BY created_at DESC""")
			.param(Timestamp.from(oldest))
			.query((row) -> {
				keys.put(row.getString("kid"), RsaKeys.publicKey(row.getBytes("public_key")));
			});
		return keys;
	}

	/**
	 * Retires the current key and signs with a new one from now on.
	 * @param olderThan rotate only if the current key was created before this time (a
	 * schedule's condition, so that replicas rotate once), or null to rotate at once
	 * @return the new key, or null if the current one was not old enough
	 */
	@Transactional
	public SigningKey rotate(Instant olderThan) {
		current();
		return replaceCurrent(olderThan);
	}

	private SigningKey replaceCurrent(Instant olderThan) {
		Instant now = this.clock.instant();
		int retired = this.jdbc
			.sql("UPDATE signing_keys SET retired_at = ? WHERE retired_at IS NULL AND created_at < ?")
			.params(Timestamp.from(now), Timestamp.from((olderThan != null) ? olderThan : now.plusSeconds(1)))
			.update();
		if (retired == 0) {
			return null;
		}
		SigningKey key = insert(RsaKeys.generate(), now);
		this.current = key;
		this.currentReadAt = now;
		log.info("Rotated the token signing key; now signing with {}", key.kid());
		return key;
	}

	/**
	 * Deletes keys no token can carry any more.
	 * @return how many were deleted
	 */
	public int deleteExpired() {
		return this.jdbc.sql("DELETE FROM signing_keys WHERE retired_at IS NOT NULL AND retired_at <= ?")
			.param(Timestamp.from(this.clock.instant().minus(this.retention)))
			.update();
	}

	/**
	 * @return the current key, {@link #UNREADABLE} if it does not open, null if none
	 */
	private SigningKey readCurrent() {
		return this.jdbc.sql("SELECT kid, private_key_enc, created_at FROM signing_keys WHERE retired_at IS NULL")
			.query((row, index) -> {
				byte[] pkcs8;
				try {
					pkcs8 = this.secrets.open(row.getBytes("private_key_enc"));
				}
				catch (IllegalStateException ex) {
					return UNREADABLE;
				}
				return key(row.getString("kid"), RsaKeys.pair(pkcs8), row.getTimestamp("created_at").toInstant());
			})
			.optional()
			.orElse(null);
	}

	private void createFirst(Instant now) {
		boolean empty = this.jdbc.sql("SELECT count(*) FROM signing_keys").query(Long.class).single() == 0;
		String configured = this.properties.privateKey();
		if (empty && configured != null && !configured.isBlank()) {
			insert(RsaKeys.readPrivateKey(configured), now);
			log.info("Signing tokens with the key of PANOPTICON_JWT_PRIVATE_KEY");
		}
		else {
			insert(RsaKeys.generate(), now);
			log.info("Signing tokens with a newly generated key");
		}
	}

	private SigningKey insert(KeyPair pair, Instant now) {
		SigningKey key = key(null, pair, now);
		// ON CONFLICT: another replica made its first key at the same moment; its key
		// wins.
		this.jdbc.sql("""
				INSERT INTO signing_keys (kid, public_key, private_key_enc, created_at)
				VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""")
			.params(key.kid(), key.publicKey().getEncoded(), this.secrets.seal(key.privateKey().getEncoded()),
					Timestamp.from(now))
			.update();
		return key;
	}

	private static SigningKey key(String kid, KeyPair pair, Instant createdAt) {
		RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
		return new SigningKey((kid != null) ? kid : JwkSet.thumbprint(publicKey), RsaKeys.privateKey(pair), publicKey,
				createdAt);
	}

}
