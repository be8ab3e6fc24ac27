package io.panopticon.alert.user;

import io.panopticon.common.web.InvalidParameterException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PasswordPolicyTest {

	private final PasswordPolicy policy = new PasswordPolicy();

	@Test
	void acceptsALongUncommonPassword() {
		assertThatCode(() -> this.policy.check("password", "alice", "Tall-Lighthouse-Orbit-42"))
			.doesNotThrowAnyException();
	}

	@Test
	void refusesShortPasswordsNamingTheField() {
		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> this.policy.check("newPassword", "alice", "Sh0rt-pass!"))
			.satisfies((ex) -> org.assertj.core.api.Assertions.assertThat(ex.getParameter()).isEqualTo("newPassword"))
			.withMessageContaining("12");
	}

	@Test
	void refusesPasswordsContainingTheUserNameWhateverTheCase() {
		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> this.policy.check("password", "Alice", "my-ALICE-password-77"))
			.withMessageContaining("user name");
	}

	@Test
	void refusesCommonPasswordsWhateverTheCase() {
		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> this.policy.check("password", "bob", "Password1234"))
			.withMessageContaining("common");
		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> this.policy.check("password", "bob", "QWERTYUIOPASDFGHJKL"));
	}

	@Test
	void refusesPasswordsBcryptWouldCut() {
		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> this.policy.check("password", "bob", "é".repeat(37)))
			.withMessageContaining("72 bytes");
	}

}
