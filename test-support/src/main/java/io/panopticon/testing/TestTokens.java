package io.panopticon.testing;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import io.jsonwebtoken.Jwts;

/**
 * RS256 JSON Web Tokens for tests, shaped like the ones alert-service issues: subject
 * {@code test-<role>}, claim {@code role}, issuer {@code panopticon}, issued now and
 * valid for 24 hours. One RSA key pair is generated per JVM; give the services
 * {@link #publicKeyPem()} (for example as {@code PANOPTICON_JWT_PUBLIC_KEY}) and they
 * accept {@link #token(String)}. The other methods return tokens a verifier must refuse.
 */
public final class TestTokens {

	/** The {@code iss} claim of every token. */
	public static final String ISSUER = "panopticon";

	/** How long {@link #token(String)} stays valid. */
	public static final Duration LIFETIME = Duration.ofHours(24);

	private TestTokens() {
	}

	/**
	 * The public key that verifies {@link #token(String)}.
	 * @return the RSA public key
	 */
	public static PublicKey publicKey() {
		return SigningKeys.PAIR.getPublic();
	}

	/**
	 * The public key as PEM.
	 * @return X.509 SubjectPublicKeyInfo, {@code -----BEGIN PUBLIC KEY-----}
	 */
	public static String publicKeyPem() {
		return pem("PUBLIC KEY", SigningKeys.PAIR.getPublic());
	}

	/**
	 * The private key that signs {@link #token(String)}, as PEM.
	 * @return PKCS#8, {@code -----BEGIN PRIVATE KEY-----}
	 */
	public static String privateKeyPem() {
		return pem("PRIVATE KEY", SigningKeys.PAIR.getPrivate());
	}

	/**
	 * A valid token.
	 * @param role the {@code role} claim, for example {@code viewer} or {@code admin}
	 * @return the compact JWS
	 */
	public static String token(String role) {
		Instant now = Instant.now();
		return sign(role, now, now.plus(LIFETIME), SigningKeys.PAIR.getPrivate());
	}

	/**
	 * A correctly signed token that expired an hour ago.
	 * @param role the {@code role} claim
	 * @return the compact JWS
	 */
	public static String expired(String role) {
		Instant expiry = Instant.now().minus(Duration.ofHours(1));
		return sign(role, expiry.minus(LIFETIME), expiry, SigningKeys.PAIR.getPrivate());
	}

	/**
	 * A valid token with one byte of its payload changed afterwards (the first character
	 * of the subject), so that its signature no longer matches; the payload is still
	 * well-formed JSON.
	 * @param role the {@code role} claim
	 * @return the altered token
	 */
	public static String tampered(String role) {
		String[] parts = token(role).split("\\.");
		byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
		String json = new String(payload, StandardCharsets.UTF_8);
		int subject = json.indexOf("\"sub\":\"") + "\"sub\":\"".length();
		payload[subject] ^= 0x01;
		return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload) + "." + parts[2];
	}

	/**
	 * An unsecured token ({@code "alg":"none"}) with the claims of a valid one and an
	 * empty signature.
	 * @param role the {@code role} claim
	 * @return {@code header.payload.}
	 */
	public static String unsigned(String role) {
		String header = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
		String payload = token(role).split("\\.")[1];
		return Base64.getUrlEncoder().withoutPadding().encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
				+ payload + ".";
	}

	/**
	 * A token that is valid in every respect except that another RSA key signed it.
	 * @param role the {@code role} claim
	 * @return the compact JWS
	 */
	public static String signedByOtherKey(String role) {
		Instant now = Instant.now();
		return sign(role, now, now.plus(LIFETIME), OtherKeys.PAIR.getPrivate());
	}

	private static String sign(String role, Instant issuedAt, Instant expiration, PrivateKey key) {
		return Jwts.builder()
			.subject("test-" + role)
			.claim("role", role)
			.issuer(ISSUER)
			.issuedAt(Date.from(issuedAt))
			.expiration(Date.from(expiration))
			.signWith(key, Jwts.SIG.RS256)
			.compact();
	}

	private static String pem(String type, Key key) {
		String body = Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(key.getEncoded());
		return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
	}

	private static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("No RSA in this JVM", ex);
		}
	}

	/** Generated on first use. */
	private static final class SigningKeys {

		static final KeyPair PAIR = generate();

	}

	/** Generated on first use, and only by tests that need it. */
	private static final class OtherKeys {

		static final KeyPair PAIR = generate();

	}

}
