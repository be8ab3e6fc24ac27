package io.panopticon.alert.auth;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.panopticon.alert.AlertProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Limits failed logins per user name and per client address within a window, counted in
 * PostgreSQL so that every replica sees every failure. Names that belong to no account
 * are counted like others, so the limit reveals nothing about which accounts exist.
 */
@Component
class LoginLimiter {

	private final JdbcClient jdbc;

	private final AlertProperties properties;

	private final Clock clock;

	LoginLimiter(JdbcClient jdbc, AlertProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * @throws TooManyLoginsException if the name or the address is over its limit
	 */
	void check(String username, String address) {
		Instant now = this.clock.instant();
		Duration wait = wait(user(username), this.properties.loginFailuresPerUsername(), now);
		Duration addressWait = wait(address(address), this.properties.loginFailuresPerAddress(), now);
		if (addressWait.compareTo(wait) > 0) {
			wait = addressWait;
		}
		if (!wait.isZero()) {
			throw new TooManyLoginsException(wait);
		}
	}

	void recordFailure(String username, String address) {
		Timestamp now = Timestamp.from(this.clock.instant());
		this.jdbc.sql("INSERT INTO login_failures (subject, at) VALUES (?, ?), (?, ?)")
			.params(user(username), now, address(address), now)
			.update();
		// Keeps the table to the failures of one window.
		this.jdbc.sql("DELETE FROM login_failures WHERE at < ?")
			.param(Timestamp.from(this.clock.instant().minus(this.properties.loginFailureWindow())))
			.update();
	}

	void recordSuccess(String username) {
		this.jdbc.sql("DELETE FROM login_failures WHERE subject = ?").param(user(username)).update();
	}

	private Duration wait(String subject, int limit, Instant now) {
		Instant windowStart = now.minus(this.properties.loginFailureWindow());
		// The oldest failure that keeps the count at the limit: when it leaves the
		// window, one more attempt is allowed.
		Timestamp blocking = this.jdbc.sql("""
				SELECT at FROM login_failures WHERE subject = ? AND at > ?
				ORDER BY at DESC OFFSET ? LIMIT 1""")
			.params(subject, Timestamp.from(windowStart), limit - 1)
			.query(Timestamp.class)
			.optional()
			.orElse(null);
		if (blocking == null) {
			return Duration.ZERO;
		}
		Duration wait = Duration.between(now, blocking.toInstant().plus(this.properties.loginFailureWindow()));
		// Whole seconds, at least one, as Retry-After carries them.
		return Duration.ofSeconds(Math.max(1, (wait.toMillis() + 999) / 1000));
	}

	private static String user(String username) {
		return "user:" + username.toLowerCase(Locale.ROOT);
	}

	private static String address(String address) {
		return "address:" + address;
	}

}
