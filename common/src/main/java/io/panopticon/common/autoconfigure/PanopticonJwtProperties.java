package io.panopticon.common.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How tokens are verified ({@code panopticon.jwt.*}; environment
 * {@code PANOPTICON_JWT_*}).
 *
 * @param publicKey the RSA public key that tokens are signed for: PEM text
 * ({@code -----BEGIN PUBLIC KEY-----}) or the path of a file holding it
 * @param clockSkew how far a token's issue and expiry times may be off this machine's
 * clock
 */
@ConfigurationProperties("panopticon.jwt")
public record PanopticonJwtProperties(String publicKey, @DefaultValue("30s") Duration clockSkew) {

	/**
	 * Checks the settings; a missing key is reported where it is needed.
	 * @throws IllegalArgumentException if the clock skew is negative
	 */
	public PanopticonJwtProperties {
		SettingChecks.notNegative(clockSkew, "panopticon.jwt.clock-skew");
	}

}
