package io.panopticon.alert;

import java.time.Duration;

import io.panopticon.common.autoconfigure.SettingChecks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the alert service ({@code panopticon.alert.*}).
 *
 * @param accessTokenTtl how long an issued access token is valid
 * @param refreshTokenTtl how long a login lasts at most: refreshing rotates the refresh
 * token but never moves this end
 * @param refreshIdleTimeout a refresh token not used within this time no longer refreshes
 * (the inactivity logout)
 * @param keyRotationInterval how old the signing key may get before a new one takes over;
 * checked every ten minutes; {@code 0} rotates only on
 * {@code POST /api/admin/keys/rotate}
 * @param bcryptStrength the bcrypt cost (log2 rounds) of password hashes; 10 makes a
 * login cost about 88 ms of CPU on the 2-core reference machine (docs/architecture.md,
 * "Security"); each step up doubles it
 * @param loginFailuresPerUsername failed logins per user name within
 * {@code loginFailureWindow} before further attempts are answered 429
 * @param loginFailuresPerAddress failed logins per client address within
 * {@code loginFailureWindow} before further attempts are answered 429
 * @param loginFailureWindow the window the failed logins are counted in
 */
@ConfigurationProperties("panopticon.alert")
public record AlertProperties(@DefaultValue("24h") Duration accessTokenTtl,
		@DefaultValue("7d") Duration refreshTokenTtl, @DefaultValue("2h") Duration refreshIdleTimeout,
		@DefaultValue("30d") Duration keyRotationInterval, @DefaultValue("10") int bcryptStrength,
		@DefaultValue("5") int loginFailuresPerUsername, @DefaultValue("20") int loginFailuresPerAddress,
		@DefaultValue("1m") Duration loginFailureWindow) {

	/**
	 * Checks the settings, so that a wrong one stops the start-up with its name.
	 * @throws IllegalArgumentException if a lifetime, interval or count is not positive,
	 * or the bcrypt strength is outside 4–31
	 */
	public AlertProperties {
		SettingChecks.positive(accessTokenTtl, "panopticon.alert.access-token-ttl");
		SettingChecks.positive(refreshTokenTtl, "panopticon.alert.refresh-token-ttl");
		SettingChecks.positive(refreshIdleTimeout, "panopticon.alert.refresh-idle-timeout");
		SettingChecks.positive(keyRotationInterval, "panopticon.alert.key-rotation-interval");
		SettingChecks.require(bcryptStrength >= 4 && bcryptStrength <= 31,
				"panopticon.alert.bcrypt-strength must be between 4 and 31, not " + bcryptStrength);
		SettingChecks.positive(loginFailuresPerUsername, "panopticon.alert.login-failures-per-username");
		SettingChecks.positive(loginFailuresPerAddress, "panopticon.alert.login-failures-per-address");
		SettingChecks.positive(loginFailureWindow, "panopticon.alert.login-failure-window");
	}

}
