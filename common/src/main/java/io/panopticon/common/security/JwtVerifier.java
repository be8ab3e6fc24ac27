package io.panopticon.common.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
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
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;

/**
 * Verifies the RS256 access tokens that alert-service issues. Every service holds one
 * instance built from the public key; the private key never leaves alert-service.
 *
 * <p>
 * Only tokens signed with the configured RSA key are accepted: unsigned
 * ({@code alg: none}) tokens, tokens signed with a symmetric or another key, tampered and
 * expired tokens are all rejected with an {@link InvalidTokenException}. Thread-safe.
 */
public final class JwtVerifier {

	private static final String PEM_HEADER = "-----BEGIN PUBLIC KEY-----";

	private final JwtParser parser;

	/**
	 * @param publicKey the RSA public key tokens are signed for
	 * @param clock the time source for expiry checks
	 * @param allowedClockSkew how far a token's times may be off this machine's clock
	 */
	public JwtVerifier(PublicKey publicKey, Clock clock, Duration allowedClockSkew) {
		if (!(publicKey instanceof RSAPublicKey)) {
			throw new IllegalArgumentException("the JWT public key must be an RSA key");
		}
		Objects.requireNonNull(clock, "clock");
		this.parser = Jwts.parser()
			.verifyWith(publicKey)
			.clock(() -> Date.from(clock.instant()))
			.clockSkewSeconds(allowedClockSkew.toSeconds())
			.build();
	}

	public JwtVerifier(PublicKey publicKey) {
		this(publicKey, Clock.systemUTC(), Duration.ofSeconds(30));
	}

	/**
	 * Verifies a compact token.
	 * @param token the token, without the {@code Bearer } prefix
	 * @return what the token says
	 * @throws InvalidTokenException if the token cannot be trusted
	 */
	public VerifiedToken verify(String token) {
		if (token == null || token.isBlank()) {
			throw new InvalidTokenException("the bearer token is empty");
		}
		Claims claims;
		try {
			// parseSignedClaims refuses unsigned tokens and anything but a signed JWS.
			claims = this.parser.parseSignedClaims(token.trim()).getPayload();
		}
		catch (ExpiredJwtException ex) {
			throw new InvalidTokenException("the bearer token has expired", ex);
		}
		catch (JwtException | IllegalArgumentException ex) {
			throw new InvalidTokenException("the bearer token is not a valid Panopticon token", ex);
		}
		if (claims.getExpiration() == null) {
			throw new InvalidTokenException("the bearer token has no expiry");
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
