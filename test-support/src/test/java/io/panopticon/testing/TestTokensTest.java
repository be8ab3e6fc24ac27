package io.panopticon.testing;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.UnsupportedJwtException;
import io.jsonwebtoken.security.SignatureException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

class TestTokensTest {

	private final JwtParser parser = Jwts.parser().verifyWith(publicKeyFromPem()).build();

	@Test
	void tokenVerifiesWithThePublicKeyPemAndCarriesRoleSubjectIssuerAnd24Hours() {
		Claims claims = this.parser.parseSignedClaims(TestTokens.token("viewer")).getPayload();

		assertThat(claims.get("role", String.class)).isEqualTo("viewer");
		assertThat(claims.getSubject()).isEqualTo("test-viewer");
		assertThat(claims.getIssuer()).isEqualTo("panopticon");
		assertThat(claims.getIssuedAt().toInstant()).isCloseTo(Instant.now(), within(Duration.ofSeconds(5)));
		assertThat(Duration.between(claims.getIssuedAt().toInstant(), claims.getExpiration().toInstant()))
			.isEqualTo(Duration.ofHours(24));
	}

	@Test
	void tokenIsSignedWithRs256() {
		assertThat(this.parser.parseSignedClaims(TestTokens.token("admin")).getHeader().getAlgorithm())
			.isEqualTo("RS256");
	}

	@Test
	void privateKeyPemIsPkcs8OfTheSameKeyPair() throws Exception {
		String pem = TestTokens.privateKeyPem();
		assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
		RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
			.generatePrivate(new PKCS8EncodedKeySpec(decode(pem)));

		assertThat(privateKey.getModulus()).isEqualTo(((RSAPublicKey) TestTokens.publicKey()).getModulus());
		assertThat(privateKey.getModulus().bitLength()).isEqualTo(2048);
	}

	@Test
	void publicKeyPemHasLinesOf64Characters() {
		String pem = TestTokens.publicKeyPem();

		assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
		assertThat(pem.lines().skip(1).filter((line) -> !line.startsWith("-----")))
			.allMatch((line) -> line.length() <= 64);
	}

	@Test
	void keyPairIsTheSameForTheWholeJvm() {
		assertThat(TestTokens.publicKeyPem()).isEqualTo(TestTokens.publicKeyPem());
		assertThat(TestTokens.publicKey()).isSameAs(TestTokens.publicKey());
	}

	@Test
	void expiredTokenIsRefused() {
		assertThatExceptionOfType(ExpiredJwtException.class)
			.isThrownBy(() -> this.parser.parseSignedClaims(TestTokens.expired("viewer")));
	}

	@Test
	void tamperedTokenIsRefusedAndDiffersInOnePayloadByte() {
		String valid = TestTokens.token("viewer");
		String tampered = TestTokens.tampered("viewer");

		assertThatExceptionOfType(SignatureException.class).isThrownBy(() -> this.parser.parseSignedClaims(tampered));
		byte[] payload = Base64.getUrlDecoder().decode(tampered.split("\\.")[1]);
		assertThat(new String(payload)).contains("\"sub\":\"uest-viewer\"").contains("\"role\":\"viewer\"");
		assertThat(tampered.split("\\.")[0]).isEqualTo(valid.split("\\.")[0]);
	}

	@Test
	void unsignedTokenIsRefused() {
		String unsigned = TestTokens.unsigned("admin");

		assertThat(unsigned).endsWith(".");
		assertThat(new String(Base64.getUrlDecoder().decode(unsigned.split("\\.")[0])))
			.isEqualTo("{\"alg\":\"none\",\"typ\":\"JWT\"}");
		assertThatExceptionOfType(UnsupportedJwtException.class)
			.isThrownBy(() -> this.parser.parseSignedClaims(unsigned));
	}

	@Test
	void tokenSignedByOtherKeyIsRefused() {
		assertThatExceptionOfType(SignatureException.class)
			.isThrownBy(() -> this.parser.parseSignedClaims(TestTokens.signedByOtherKey("admin")));
	}

	private static PublicKey publicKeyFromPem() {
		try {
			return KeyFactory.getInstance("RSA")
				.generatePublic(new X509EncodedKeySpec(decode(TestTokens.publicKeyPem())));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] decode(String pem) {
		return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
	}

}
