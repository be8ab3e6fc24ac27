package io.panopticon.errorstream.stomp;

import io.panopticon.common.security.JwtVerifier;
import io.panopticon.testing.TestTokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectAuthenticatorTest {

	private final JwtVerifier verifier = new JwtVerifier(TestTokens.publicKey());

	private final ConnectAuthenticator closed = new ConnectAuthenticator(this.verifier, false);

	private final ConnectAuthenticator open = new ConnectAuthenticator(this.verifier, true);

	@Test
	void everyRoleMayRead() {
		for (String role : new String[] { "viewer", "reporter", "admin" }) {
			ConnectAuthenticator.Access access = this.closed.authenticate("Bearer " + TestTokens.token(role));
			assertThat(access.principal()).isEqualTo("test-" + role);
			assertThat(access.expiresAt()).isNotNull();
		}
		assertThat(this.closed.authenticate("bearer " + TestTokens.token("viewer")).principal())
			.isEqualTo("test-viewer");
	}

	@Test
	void withoutATokenOnlyWhenReadsArePublic() {
		assertThatThrownBy(() -> this.closed.authenticate(null)).isInstanceOf(ConnectAuthenticator.Refused.class)
			.hasMessageContaining("viewer token is required")
			.extracting((ex) -> ((ConnectAuthenticator.Refused) ex).reason())
			.isEqualTo("unauthenticated");
		assertThat(this.open.authenticate(null).principal()).isEqualTo("anonymous");
		assertThat(this.open.authenticate(" ").expiresAt()).isNull();
	}

	@Test
	void untrustworthyTokensAreRefusedEvenWhenReadsArePublic() {
		for (String header : new String[] { "Bearer " + TestTokens.expired("viewer"),
				"Bearer " + TestTokens.tampered("admin"), "Bearer " + TestTokens.unsigned("admin"),
				"Bearer " + TestTokens.signedByOtherKey("viewer"), "Basic dXNlcjpwYXNz", "Bearer " }) {
			assertThatThrownBy(() -> this.open.authenticate(header)).as(header)
				.isInstanceOf(ConnectAuthenticator.Refused.class)
				.extracting((ex) -> ((ConnectAuthenticator.Refused) ex).reason())
				.isEqualTo("invalid_token");
		}
	}

}
