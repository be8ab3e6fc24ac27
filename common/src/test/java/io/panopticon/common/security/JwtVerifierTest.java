package io.panopticon.common.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JwtVerifierTest {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	private static final KeyPair KEYS = rsa();

	private static final JwtVerifier.Settings SETTINGS = new JwtVerifier.Settings("panopticon", Duration.ofHours(25),
			Duration.ofSeconds(30));

	private final JwtVerifier verifier = new JwtVerifier(KEYS.getPublic(), Clock.fixed(NOW, ZoneOffset.UTC),
			Duration.ofSeconds(30));

	@Test
	void acceptsTokenSignedWithTheKeyAndReadsSubjectAndRole() {
		VerifiedToken token = this.verifier.verify(sign(KEYS, "alice", "reporter", NOW.plusSeconds(3600)));
		assertThat(token.subject()).isEqualTo("alice");
		assertThat(token.role()).isEqualTo(Role.REPORTER);
		assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
	}

	@Test
	void rejectsExpiredToken() {
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> this.verifier.verify(sign(KEYS, "alice", "viewer", NOW.minusSeconds(60))))
			.withMessageContaining("expired");
	}

	@Test
	void rejectsTokenSignedByAnotherKey() {
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> this.verifier.verify(sign(rsa(), "mallory", "admin", NOW.plusSeconds(60))));
	}

	@Test
	void rejectsTamperedPayload() {
		String token = sign(KEYS, "bob", "viewer", NOW.plusSeconds(60));
		String[] parts = token.split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("viewer",
				"admin");
		String forged = parts[0] + "." + base64Url(payload) + "." + parts[2];
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.verifier.verify(forged));
	}

	@Test
	void rejectsUnsignedAlgNoneToken() {
		String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
		String payload = base64Url("{\"sub\":\"eve\",\"role\":\"admin\",\"iss\":\"panopticon\",\"iat\":"
				+ NOW.getEpochSecond() + ",\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + "}");
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> this.verifier.verify(header + "." + payload + "."));
	}

	@Test
	void rejectsTokenWithoutKnownRole() {
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> this.verifier.verify(sign(KEYS, "carol", "root", NOW.plusSeconds(60))))
			.withMessageContaining("role");
	}

	@Test
	void rejectsGarbageAndEmptyTokens() {
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.verifier.verify("not-a-jwt"));
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.verifier.verify(" "));
	}

	@Test
	void readsPublicKeyFromPemTextAndFromFile(@TempDir Path dir) throws Exception {
		String pem = "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
					.encodeToString(KEYS.getPublic().getEncoded())
				+ "\n-----END PUBLIC KEY-----\n";
		assertThat(JwtVerifier.readPublicKey(pem)).isEqualTo(KEYS.getPublic());
		Path file = Files.writeString(dir.resolve("public.pem"), pem);
		assertThat(JwtVerifier.readPublicKey(file.toString())).isEqualTo(KEYS.getPublic());
	}

	@Test
	void refusesUnreadableKeys(@TempDir Path dir) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JwtVerifier.readPublicKey(dir.resolve("missing.pem").toString()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JwtVerifier.readPublicKey("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"));
	}

	@Test
	void rejectsTokenOfAnotherIssuer() {
		String token = Jwts.builder()
			.subject("alice")
			.claim("role", "viewer")
			.issuer("someone-else")
			.issuedAt(Date.from(NOW))
			.expiration(Date.from(NOW.plusSeconds(60)))
			.signWith(KEYS.getPrivate(), Jwts.SIG.RS256)
			.compact();
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.verifier.verify(token))
			.withMessageContaining("issued");
	}

	@Test
	void rejectsTokenWithoutIssuerOrIssueTime() {
		String noIssuer = Jwts.builder()
			.subject("alice")
			.claim("role", "viewer")
			.issuedAt(Date.from(NOW))
			.expiration(Date.from(NOW.plusSeconds(60)))
			.signWith(KEYS.getPrivate(), Jwts.SIG.RS256)
			.compact();
		String noIssueTime = Jwts.builder()
			.subject("alice")
			.claim("role", "viewer")
			.issuer("panopticon")
			.expiration(Date.from(NOW.plusSeconds(60)))
			.signWith(KEYS.getPrivate(), Jwts.SIG.RS256)
			.compact();
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.verifier.verify(noIssuer));
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.verifier.verify(noIssueTime));
	}

	@Test
	void rejectsTokenLivingLongerThanTheCap() {
		String token = token(KEYS, null, NOW.minusSeconds(60), NOW.plus(Duration.ofHours(25)));
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.verifier.verify(token))
			.withMessageContaining("longer");
		String justUnder = token(KEYS, null, NOW, NOW.plus(Duration.ofHours(25)));
		assertThat(this.verifier.verify(justUnder).role()).isEqualTo(Role.VIEWER);
	}

	@Test
	void verifiesKidTokensWithTheKeySetAndTokensWithoutKidWithTheStaticKey() {
		KeyPair rotated = rsa();
		JwtVerifier both = new JwtVerifier(KEYS.getPublic(),
				new PublicKeyCache(() -> Map.of("k2", rotated.getPublic())), null, SETTINGS,
				Clock.fixed(NOW, ZoneOffset.UTC));
		assertThat(both.verify(token(rotated, "k2", NOW, NOW.plusSeconds(60))).subject()).isEqualTo("alice");
		assertThat(both.verify(token(KEYS, null, NOW, NOW.plusSeconds(60))).subject()).isEqualTo("alice");
		// A kid the set does not know falls back to the static key, whose signature must
		// still match: the local stack's key signs alert-service's first tokens too.
		assertThat(both.verify(token(KEYS, "unknown", NOW, NOW.plusSeconds(60))).subject()).isEqualTo("alice");
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> both.verify(token(rsa(), "unknown", NOW, NOW.plusSeconds(60))));
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> both.verify(token(rotated, null, NOW, NOW.plusSeconds(60))));
	}

	@Test
	void rejectsUnknownKidWithoutStaticKey() {
		KeyPair rotated = rsa();
		JwtVerifier jwksOnly = new JwtVerifier(null, new PublicKeyCache(() -> Map.of("k2", rotated.getPublic())), null,
				SETTINGS, Clock.fixed(NOW, ZoneOffset.UTC));
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> jwksOnly.verify(token(rotated, "k3", NOW, NOW.plusSeconds(60))));
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> jwksOnly.verify(token(rotated, null, NOW, NOW.plusSeconds(60))));
		assertThat(jwksOnly.verify(token(rotated, "k2", NOW, NOW.plusSeconds(60))).role()).isEqualTo(Role.VIEWER);
	}

	@Test
	void rejectsHmacTokenWhateverTheKey() {
		byte[] secret = KEYS.getPublic().getEncoded();
		String token = Jwts.builder()
			.subject("eve")
			.claim("role", "admin")
			.issuer("panopticon")
			.issuedAt(Date.from(NOW))
			.expiration(Date.from(NOW.plusSeconds(60)))
			.signWith(Keys.hmacShaKeyFor(secret), Jwts.SIG.HS256)
			.compact();
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.verifier.verify(token));
	}

	@Test
	void checksApiKeysWithTheIntrospectorOnly() {
		VerifiedToken granted = new VerifiedToken("apikey:7", Role.REPORTER, null);
		JwtVerifier withKeys = new JwtVerifier(KEYS.getPublic(), null,
				(key) -> key.equals("pk_good") ? Optional.of(granted) : Optional.empty(), SETTINGS,
				Clock.fixed(NOW, ZoneOffset.UTC));
		assertThat(withKeys.verify("pk_good")).isEqualTo(granted);
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> withKeys.verify("pk_revoked"));
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.verifier.verify("pk_good"))
			.withMessageContaining("API keys");
	}

	private static String sign(KeyPair keys, String subject, String role, Instant expiry) {
		return Jwts.builder()
			.subject(subject)
			.claim("role", role)
			.issuer("panopticon")
			.issuedAt(Date.from(expiry.minusSeconds(3600)))
			.expiration(Date.from(expiry))
			.signWith(keys.getPrivate(), Jwts.SIG.RS256)
			.compact();
	}

	private static String token(KeyPair keys, String kid, Instant issued, Instant expiry) {
		var builder = Jwts.builder();
		if (kid != null) {
			builder.header().keyId(kid);
		}
		return builder.subject("alice")
			.claim("role", "viewer")
			.issuer("panopticon")
			.issuedAt(Date.from(issued))
			.expiration(Date.from(expiry))
			.signWith(keys.getPrivate(), Jwts.SIG.RS256)
			.compact();
	}

	private static String base64Url(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	private static KeyPair rsa() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
