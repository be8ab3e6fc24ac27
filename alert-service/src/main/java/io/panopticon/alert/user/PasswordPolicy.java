package io.panopticon.alert.user;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.panopticon.common.web.InvalidParameterException;

import org.springframework.stereotype.Component;

/**
 * What a password must be: at least 12 characters, at most 72 bytes (bcrypt reads no
 * further), not containing the user name, and not in the bundled list of common
 * passwords.
 */
@Component
public class PasswordPolicy {

	static final int MIN_LENGTH = 12;

	static final int MAX_BYTES = 72;

	private final CommonPasswords common = CommonPasswords.bundled();

	/**
	 * @param field the request field the password came in, named in the error
	 * @param username the account's name
	 * @param password the password
	 * @throws InvalidParameterException naming {@code field} if the password is weak
	 */
	public void check(String field, String username, String password) {
		if (password == null || password.isEmpty()) {
			throw new InvalidParameterException(field, "is required");
		}
		if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
			throw new InvalidParameterException(field, "must have at least " + MIN_LENGTH + " characters");
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			throw new InvalidParameterException(field, "must have at most " + MAX_BYTES + " bytes (UTF-8)");
		}
		if (username != null && !username.isBlank()
				&& password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
			throw new InvalidParameterException(field, "must not contain the user name");
		}
		if (this.common.contains(password)) {
			throw new InvalidParameterException(field, "is a commonly used password; choose another");
		}
	}

}
