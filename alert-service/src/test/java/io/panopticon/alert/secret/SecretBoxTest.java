package io.panopticon.alert.secret;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SecretBoxTest {

	private final SecretBox box = new SecretBox("a-secret-key-of-at-least-thirty-two-chars");

	@Test
	void opensWhatItSealedAndNeverSealsTwiceAlike() {
		byte[] secret = "private key".getBytes(StandardCharsets.UTF_8);
		byte[] sealed = this.box.seal(secret);
		assertThat(this.box.open(sealed)).isEqualTo(secret);
		assertThat(this.box.seal(secret)).isNotEqualTo(sealed);
		assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("private key");
	}

	@Test
	void refusesAlteredValuesAndOtherKeys() {
		byte[] sealed = this.box.seal(new byte[] { 1, 2, 3 });
		byte[] altered = sealed.clone();
		altered[altered.length - 1] ^= 1;
		assertThatIllegalStateException().isThrownBy(() -> this.box.open(altered));
		assertThatIllegalStateException()
			.isThrownBy(() -> new SecretBox("another-secret-key-of-at-least-32-chars").open(sealed))
			.withMessageContaining("PANOPTICON_SECRET_KEY");
	}

	@Test
	void refusesAMissingOrShortSecretKey() {
		assertThatIllegalStateException().isThrownBy(() -> new SecretBox((String) null))
			.withMessageContaining("PANOPTICON_SECRET_KEY");
		assertThatIllegalStateException().isThrownBy(() -> new SecretBox("short"));
	}

}
