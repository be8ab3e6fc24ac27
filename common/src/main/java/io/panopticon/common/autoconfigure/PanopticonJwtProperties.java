package io.panopticon.common.autoconfigure;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How tokens are verified ({@code panopticon.jwt.*}; environment
 * {@code PANOPTICON_JWT_*}). At least one of {@code publicKey} and {@code jwksUri} is
 * needed.
 *
 * @param publicKey the RSA public key of tokens without a {@code kid} header (the ones
 * {@code infra/local/stack token} mints): PEM text ({@code -----BEGIN PUBLIC KEY-----})
 * or the path of a file holding it; optional when {@code jwksUri} is set
 * @param jwksUri alert-service's JWK set
 * ({@code http://<alert-service>/.well-known/jwks.json}), which verifies tokens with a
 * {@code kid}; read on the first such token, not at start, so a service starts and stays
 * healthy while alert-service is down
 * @param introspectUri alert-service's {@code POST /api/auth/introspect}, which checks
 * {@code pk_} API keys; by default {@code /api/auth/introspect} on the host of
 * {@code jwksUri}; without either, API keys are refused
 * @param issuer the {@code iss} every token must carry
 * @param maxLifetime the longest lifetime ({@code exp - iat}) a token may have
 * @param clockSkew how far a token's issue and expiry times may be off this machine's
 * clock
 * @param jwksMaxAge how long the JWK set is used before the next token reloads it
 * @param jwksMinReloadInterval the shortest time between two reads of the JWK set; a
 * token with an unknown {@code kid} reloads it at most this often, waiting for the next
 * allowed read when it comes sooner
 * @param introspectCacheTtl how long an API key's introspection answer is kept, so how
 * long a revoked key may still pass
 * @param fetchTimeout how long a read of the JWK set or an introspection may take
 */
@ConfigurationProperties("panopticon.jwt")
public record PanopticonJwtProperties(String publicKey, URI jwksUri, URI introspectUri,
		@DefaultValue("panopticon") String issuer, @DefaultValue("25h") Duration maxLifetime,
		@DefaultValue("30s") Duration clockSkew, @DefaultValue("10m") Duration jwksMaxAge,
		@DefaultValue("1s") Duration jwksMinReloadInterval, @DefaultValue("60s") Duration introspectCacheTtl,
		@DefaultValue("3s") Duration fetchTimeout) {

	/**
	 * Checks the settings; a missing key is reported where it is needed.
	 * @throws IllegalArgumentException if a duration is out of range or the issuer blank
	 */
	public PanopticonJwtProperties {
		SettingChecks.text(issuer, "panopticon.jwt.issuer");
		SettingChecks.positive(maxLifetime, "panopticon.jwt.max-lifetime");
		SettingChecks.notNegative(clockSkew, "panopticon.jwt.clock-skew");
		SettingChecks.positive(jwksMaxAge, "panopticon.jwt.jwks-max-age");
		SettingChecks.notNegative(jwksMinReloadInterval, "panopticon.jwt.jwks-min-reload-interval");
		SettingChecks.notNegative(introspectCacheTtl, "panopticon.jwt.introspect-cache-ttl");
		SettingChecks.positive(fetchTimeout, "panopticon.jwt.fetch-timeout");
	}

	/**
	 * Where API keys are checked.
	 * @return {@code introspectUri}, else derived from {@code jwksUri}, else null
	 */
	public URI effectiveIntrospectUri() {
		if (this.introspectUri != null && !this.introspectUri.toString().isBlank()) {
			return this.introspectUri;
		}
		return hasJwksUri() ? this.jwksUri.resolve("/api/auth/introspect") : null;
	}

	/** Whether a JWK set is configured. */
	public boolean hasJwksUri() {
		return this.jwksUri != null && !this.jwksUri.toString().isBlank();
	}

	/** Whether a static public key is configured. */
	public boolean hasPublicKey() {
		return this.publicKey != null && !this.publicKey.isBlank();
	}

}
