package io.panopticon.alert.user;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The bundled list of common passwords ({@code common-passwords.txt} beside this class),
 * compared case-insensitively. Only entries of 12 characters or more matter, since the
 * policy refuses shorter passwords anyway.
 */
final class CommonPasswords {

	private final Set<String> passwords;

	private CommonPasswords(Set<String> passwords) {
		this.passwords = passwords;
	}

	static CommonPasswords bundled() {
		try (InputStream in = CommonPasswords.class.getResourceAsStream("common-passwords.txt")) {
			if (in == null) {
				throw new IllegalStateException("common-passwords.txt is missing from the classpath");
			}
			Set<String> passwords = new HashSet<>();
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				String password = line.strip();
				if (!password.isEmpty() && !password.startsWith("#")) {
					passwords.add(password.toLowerCase(Locale.ROOT));
				}
			}
			return new CommonPasswords(Set.copyOf(passwords));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	boolean contains(String password) {
		return this.passwords.contains(password.toLowerCase(Locale.ROOT));
	}

	int size() {
		return this.passwords.size();
	}

}
