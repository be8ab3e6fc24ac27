package io.panopticon.common.security;

import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JwkSetTest {

	@Test
	void documentReadsBackAsTheSameKeys() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		RSAPublicKey key = (RSAPublicKey) generator.generateKeyPair().getPublic();
		String json = JsonMapper.builder().build().writeValueAsString(JwkSet.document(Map.of("k1", key)));
		assertThat(json).contains("\"kty\":\"RSA\"", "\"alg\":\"RS256\"", "\"kid\":\"k1\"", "\"e\":\"AQAB\"");
		assertThat(JwkSet.parse(json)).containsExactly(Map.entry("k1", key));
	}

	@Test
	void thumbprintMatchesRfc7638Example() throws Exception {
		// The example key of RFC 7638, section 3.1.
		String n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
		String json = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"x\",\"n\":\"" + n + "\",\"e\":\"AQAB\"}]}";
		RSAPublicKey key = (RSAPublicKey) JwkSet.parse(json).get("x");
		assertThat(JwkSet.thumbprint(key)).isEqualTo("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
	}

	@Test
	void skipsOtherKeyTypesAndRefusesNonSets() {
		assertThat(JwkSet
			.parse("{\"keys\":[{\"kty\":\"EC\",\"kid\":\"e\"},{\"kty\":\"RSA\",\"use\":\"enc\",\"kid\":\"r\"}]}"))
			.isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> JwkSet.parse("{\"key\":1}"));
	}

}
