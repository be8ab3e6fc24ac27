package io.panopticon.common.security;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * RSA keys as JSON Web Keys (RFC 7517) and JWK sets, the form alert-service publishes at
 * {@code /.well-known/jwks.json}: {@code {"keys":[{"kty":"RSA","use":"sig","alg":"RS256",
 * "kid","n","e"}]}}.
 */
public final class JwkSet {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private JwkSet() {
	}

	/**
	 * The JWK of a public key.
	 * @param kid the key id
	 * @param key the key
	 * @return the JWK members, ready to serialise
	 */
	public static Map<String, String> jwk(String kid, RSAPublicKey key) {
		Map<String, String> jwk = new LinkedHashMap<>();
		jwk.put("kty", "RSA");
		jwk.put("use", "sig");
		jwk.put("alg", "RS256");
		jwk.put("kid", kid);
		jwk.put("n", base64Url(key.getModulus()));
		jwk.put("e", base64Url(key.getPublicExponent()));
		return jwk;
	}

	/**
	 * The RFC 7638 thumbprint of a key, a key id that is the same wherever it is
	 * computed.
	 * @param key the key
	 * @return the base64url SHA-256 of the key's canonical JWK
	 */
	public static String thumbprint(RSAPublicKey key) {
		String canonical = "{\"e\":\"" + base64Url(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
				+ base64Url(key.getModulus()) + "\"}";
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("No SHA-256 in this JVM", ex);
		}
	}

	/**
	 * Reads the RSA signing keys of a JWK set; keys of other types or uses are skipped.
	 * @param json the JWK set document
	 * @return the keys by {@code kid}
	 * @throws IllegalArgumentException if the document is no JWK set
	 */
	public static Map<String, PublicKey> parse(String json) {
		JsonNode keys = JSON.readTree(json).path("keys");
		if (!keys.isArray()) {
			throw new IllegalArgumentException("not a JWK set: no 'keys' array");
		}
		Map<String, PublicKey> result = new LinkedHashMap<>();
		for (JsonNode jwk : keys) {
			String use = jwk.path("use").asString("sig");
			if (!"RSA".equals(jwk.path("kty").asString("")) || !"sig".equals(use) || !jwk.hasNonNull("kid")) {
				continue;
			}
			result.put(jwk.get("kid").asString(), rsa(jwk));
		}
		return result;
	}

	/**
	 * The JWK set document of these keys.
	 * @param keys the keys by {@code kid}
	 * @return {@code {"keys":[...]}}
	 */
	public static Map<String, List<Map<String, String>>> document(Map<String, RSAPublicKey> keys) {
		return Map.of("keys", keys.entrySet().stream().map((e) -> jwk(e.getKey(), e.getValue())).toList());
	}

	private static PublicKey rsa(JsonNode jwk) {
		try {
			BigInteger modulus = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("n").asString("")));
			BigInteger exponent = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("e").asString("")));
			return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalArgumentException("the JWK '" + jwk.path("kid").asString() + "' is no readable RSA key",
					ex);
		}
	}

	private static String base64Url(BigInteger value) {
		byte[] bytes = value.toByteArray();
		if (bytes.length > 1 && bytes[0] == 0) {
			// Unsigned big-endian, as RFC 7518 asks: drop the sign byte.
			byte[] unsigned = new byte[bytes.length - 1];
			System.arraycopy(bytes, 1, unsigned, 0, unsigned.length);
			bytes = unsigned;
		}
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
