package io.panopticon.common.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.Objects;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.IncorrectClaimException;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.MissingClaimException;
import io.jsonwebtoken.UnsupportedJwtException;

/**
 * Verifies the bearer tokens of every service: the RS256 access tokens alert-service
 * issues, and opaque API keys ({@code pk_...}) when an {@link ApiKeyIntrospector} is
 * given.
 *
 * <p>
 * A token with a {@code kid} header is verified with that key of the JWK set
 * ({@link PublicKeyCache}); a token without one, or whose {@code kid} the JWK set does
 * not know while a static key is configured, with the static public key
 * ({@code PANOPTICON_JWT_PUBLIC_KEY}, the key the local stack mints with). Either may be
 * absent, not both. Only RSA signatures are accepted: unsigned ({@code alg: none}),
 * HMAC-signed, tampered and expired tokens, tokens of another issuer, without issue time
 * or living longer than the lifetime cap are all rejected with an
 * {@link InvalidTokenException}. Thread-safe.
 */
public final class JwtVerifier {

	private static final String PEM_HEADER = "-----BEGIN PUBLIC KEY-----";

	/** The issuer of the tokens when none is configured. */
	public static final String DEFAULT_ISSUER = "panopticon";

	/** The longest lifetime a token may have when none is configured. */
	public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(25);

	private final JwtParser parser;

	private final Duration maxLifetime;

	private final ApiKeyIntrospector apiKeys;

	/**
	 * @param staticKey the RSA public key of tokens without {@code kid}, or null
	 * @param keySet the keys of tokens with a {@code kid}, or null
	 * @param apiKeys checks {@code pk_} API keys, or null to refuse them
	 * @param settings issuer, lifetime cap and clock skew
	 * @param clock the time source for expiry checks
	 */
	public JwtVerifier(PublicKey staticKey, PublicKeyCache keySet, ApiKeyIntrospector apiKeys, Settings settings,
			Clock clock) {
		if (staticKey != null && !(staticKey instanceof RSAPublicKey)) {
			throw new IllegalArgumentException("the JWT public key must be an RSA key");
		}
		if (staticKey == null && keySet == null) {
			throw new IllegalArgumentException("a static public key, a JWK set or both are needed");
		}
		Objects.requireNonNull(clock, "clock");
		this.maxLifetime = settings.maxLifetime();
		this.apiKeys = apiKeys;
		this.parser = Jwts.parser()
			.keyLocator(new KeyLocator(staticKey, keySet))
			.requireIssuer(settings.issuer())
			.clock(() -> Date.from(clock.instant()))
			.clockSkewSeconds(settings.clockSkew().toSeconds())
			.build();
	}

	/**
	 * A verifier of tokens signed with one key, with the default settings.
	 * @param publicKey the RSA public key tokens are signed with
	 * @param clock the time source for expiry checks
	 * @param allowedClockSkew how far a token's times may be off this machine's clock
	 */
	public JwtVerifier(PublicKey publicKey, Clock clock, Duration allowedClockSkew) {
		this(Objects.requireNonNull(publicKey, "publicKey"), null, null,
				new Settings(DEFAULT_ISSUER, DEFAULT_MAX_LIFETIME, allowedClockSkew), clock);
	}

	public JwtVerifier(PublicKey publicKey) {
		this(publicKey, Clock.systemUTC(), Duration.ofSeconds(30));
	}

	/**
	 * Verifies a compact token or an API key.
	 * @param token the token, without the {@code Bearer } prefix
	 * @return what the token says
	 * @throws InvalidTokenException if the token cannot be trusted
	 */
	public VerifiedToken verify(String token) {
		if (token == null || token.isBlank()) {
			throw new InvalidTokenException("the bearer token is empty");
		}
		String trimmed = token.trim();
		if (trimmed.startsWith(ApiKeyIntrospector.PREFIX)) {
			return verifyApiKey(trimmed);
		}
		Claims claims;
		try {
			// parseSignedClaims refuses unsigned tokens and anything but a signed JWS.
			claims = this.parser.parseSignedClaims(trimmed).getPayload();
		}
		catch (ExpiredJwtException ex) {
			throw new InvalidTokenException("the bearer token has expired", ex);
		}
		catch (IncorrectClaimException | MissingClaimException ex) {
			throw new InvalidTokenException("the bearer token was not issued by this Panopticon", ex);
		}
		catch (JwtException | IllegalArgumentException ex) {
			throw new InvalidTokenException("the bearer token is not a valid Panopticon token", ex);
		}
		if (claims.getExpiration() == null || claims.getIssuedAt() == null) {
			throw new InvalidTokenException("the bearer token has no expiry or issue time");
		}
		Duration lifetime = Duration.between(claims.getIssuedAt().toInstant(), claims.getExpiration().toInstant());
		if (lifetime.compareTo(this.maxLifetime) > 0) {
			throw new InvalidTokenException("the bearer token lives longer than " + this.maxLifetime.toHours() + " h");
		}
		Role role;
		try {
			role = Role.fromClaim(claims.get("role", String.class));
		}
		catch (RuntimeException ex) {
			throw new InvalidTokenException("the bearer token carries no valid role", ex);
		}
		return new VerifiedToken(claims.getSubject(), role, claims.getExpiration().toInstant());
	}

	private VerifiedToken verifyApiKey(String apiKey) {
		if (this.apiKeys == null) {
			throw new InvalidTokenException("API keys are not accepted here (no introspection is configured)");
		}
		return this.apiKeys.introspect(apiKey)
			.orElseThrow(() -> new InvalidTokenException("the API key is unknown, revoked or expired"));
	}

	/**
	 * How tokens are checked beyond their signature.
	 *
	 * @param issuer the {@code iss} every token must carry
	 * @param maxLifetime the longest {@code exp - iat} accepted
	 * @param clockSkew how far a token's times may be off this machine's clock
	 */
	public record Settings(String issuer, Duration maxLifetime, Duration clockSkew) {

		public Settings {
			Objects.requireNonNull(issuer, "issuer");
			Objects.requireNonNull(maxLifetime, "maxLifetime");
			Objects.requireNonNull(clockSkew, "clockSkew");
		}

	}

	/** Picks the verification key by the token's {@code kid}. */
	private static final class KeyLocator extends LocatorAdapter<Key> {

		private final PublicKey staticKey;

		private final PublicKeyCache keySet;

		KeyLocator(PublicKey staticKey, PublicKeyCache keySet) {
			this.staticKey = staticKey;
			this.keySet = keySet;
		}

		@Override
		protected Key locate(JwsHeader header) {
			String kid = header.getKeyId();
			if (kid != null && this.keySet != null) {
				PublicKey key = this.keySet.find(kid);
				if (key != null) {
					return key;
				}
			}
			if (this.staticKey != null) {
				return this.staticKey;
			}
			throw new UnsupportedJwtException((kid != null) ? "unknown key id" : "the token names no key id");
		}

	}

	/**
	 * Reads an RSA public key given as PEM text ({@code -----BEGIN PUBLIC KEY-----},
	 * X.509 SubjectPublicKeyInfo) or as the path of a file holding it.
	 * @param pemOrPath PEM text or a file path
	 * @return the key
	 * @throws IllegalArgumentException if neither reads as an RSA public key
	 */
	public static PublicKey readPublicKey(String pemOrPath) {
		Objects.requireNonNull(pemOrPath, "pemOrPath");
		String pem = pemOrPath.contains(PEM_HEADER) ? pemOrPath : readFile(pemOrPath.trim());
		int start = pem.indexOf(PEM_HEADER);
		int end = pem.indexOf("-----END PUBLIC KEY-----");
		if (start < 0 || end < start) {
			throw new IllegalArgumentException("the JWT public key is not a PEM 'PUBLIC KEY' block");
		}
		String base64 = pem.substring(start + PEM_HEADER.length(), end).replaceAll("\\s", "");
		try {
			byte[] der = Base64.getDecoder().decode(base64);
			return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalArgumentException("the JWT public key is not a readable RSA public key", ex);
		}
	}

	private static String readFile(String path) {
		try {
			return Files.readString(Path.of(path), StandardCharsets.US_ASCII);
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalArgumentException("the JWT public key is neither PEM text nor a readable file: " + path,
					ex);
		}
	}

}
