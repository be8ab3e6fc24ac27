package io.panopticon.alert.user;

import java.util.regex.Pattern;

import io.panopticon.common.security.Role;
import io.panopticon.common.web.InvalidParameterException;

/** Checks of the fields of user requests; each failure names its field. */
final class UserInput {

	static final int MAX_USERNAME = 64;

	static final int MAX_EMAIL = 254;

	static final int MAX_DISPLAY_NAME = 128;

	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]*");

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

	private UserInput() {
	}

	static String username(String value) {
		String username = required("username", value);
		if (username.length() > MAX_USERNAME) {
			throw new InvalidParameterException("username", "must have at most " + MAX_USERNAME + " characters");
		}
		if (!USERNAME.matcher(username).matches()) {
			throw new InvalidParameterException("username",
					"may hold only letters, digits and . _ @ - and must start with a letter or digit");
		}
		return username;
	}

	static String email(String value) {
		String email = required("email", value);
		if (email.length() > MAX_EMAIL) {
			throw new InvalidParameterException("email", "must have at most " + MAX_EMAIL + " characters");
		}
		if (!EMAIL.matcher(email).matches()) {
			throw new InvalidParameterException("email", "'" + email + "' is not an e-mail address");
		}
		return email;
	}

	static String displayName(String value) {
		String name = value.strip();
		if (name.isEmpty()) {
			throw new InvalidParameterException("displayName", "must not be blank");
		}
		if (name.length() > MAX_DISPLAY_NAME) {
			throw new InvalidParameterException("displayName", "must have at most " + MAX_DISPLAY_NAME + " characters");
		}
		if (name.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidParameterException("displayName", "must not hold control characters");
		}
		return name;
	}

	static Role role(String value) {
		String role = required("role", value);
		try {
			return Role.fromClaim(role);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidParameterException("role", "must be viewer, reporter or admin");
		}
	}

	static String required(String field, String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidParameterException(field, "is required");
		}
		return value.strip();
	}

}
