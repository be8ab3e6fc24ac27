package io.panopticon.alert;

import java.time.Duration;

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
}
