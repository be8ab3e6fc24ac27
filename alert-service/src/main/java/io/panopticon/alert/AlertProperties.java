package io.panopticon.alert;

import java.time.Duration;

import io.panopticon.common.autoconfigure.SettingChecks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the alert service ({@code panopticon.alert.*}).
 *
 * @param accessTokenTtl how long an issued access token is valid
 * @param refreshTokenTtl how long an issued refresh token is valid
 */
@ConfigurationProperties("panopticon.alert")
public record AlertProperties(@DefaultValue("24h") Duration accessTokenTtl,
		@DefaultValue("7d") Duration refreshTokenTtl) {

	/**
	 * Checks the settings, so that a wrong one stops the start-up with its name.
	 * @throws IllegalArgumentException if a lifetime is not positive
	 */
	public AlertProperties {
		SettingChecks.positive(accessTokenTtl, "panopticon.alert.access-token-ttl");
		SettingChecks.positive(refreshTokenTtl, "panopticon.alert.refresh-token-ttl");
	}

}
