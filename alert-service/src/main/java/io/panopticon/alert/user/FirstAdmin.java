package io.panopticon.alert.user;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import io.panopticon.alert.audit.AuditLog;
import io.panopticon.common.security.Role;
import io.panopticon.common.web.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Makes sure the first admin exists at every start: with a configured password it is
 * applied (and the account made an active admin again); without one, a missing account is
 * created with a one-time password in a file only the service's user can read, whose path
 * (never the password) is logged.
 */
@Component
class FirstAdmin implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

	private final AdminProperties properties;

	private final UserStore store;

	private final PasswordPolicy policy;

	private final PasswordEncoder encoder;

	private final AuditLog audit;

	FirstAdmin(AdminProperties properties, UserStore store, PasswordPolicy policy, PasswordEncoder encoder,
			AuditLog audit) {
		this.properties = properties;
		this.store = store;
		this.policy = policy;
		this.encoder = encoder;
		this.audit = audit;
	}

	@Override
	public void run(ApplicationArguments args) {
		String username = UserInput.username(this.properties.username());
		Optional<User> existing = this.store.findByUsername(username);
		String password = this.properties.password();
		if (password != null && !password.isEmpty()) {
			try {
				this.policy.check("password", username, password);
			}
			catch (InvalidParameterException ex) {
				throw new IllegalStateException("PANOPTICON_ADMIN_PASSWORD " + ex.getMessage(), ex);
			}
			applyConfigured(username, password, existing);
		}
		else if (existing.isEmpty()) {
			createWithOneTimePassword(username);
		}
	}

	private void applyConfigured(String username, String password, Optional<User> existing) {
		if (existing.isEmpty()) {
			User user = this.store.create(username, null, username, Role.ADMIN, this.encoder.encode(password), false);
			this.audit.record("system", null, null, "user.create", UserService.target(user), AuditLog.SUCCESS);
			log.info("Created the admin '{}' with the configured password", username);
			return;
		}
		User user = existing.get();
		if (user.role() != Role.ADMIN || !user.active()) {
			this.store.update(new User(user.id(), user.username(), user.email(), user.displayName(), Role.ADMIN, true,
					false, user.createdAt(), user.lastLoginAt()));
		}
		if (!this.encoder.matches(password, this.store.passwordHash(user.id())) || user.mustChangePassword()) {
			this.store.setPassword(user.id(), this.encoder.encode(password), false);
			log.info("Applied the configured password of the admin '{}'", username);
		}
	}

	private void createWithOneTimePassword(String username) {
		byte[] random = new byte[18];
		new SecureRandom().nextBytes(random);
		String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		Path file = this.properties.initialPasswordFile().toAbsolutePath();
		write(file, password);
		User user = this.store.create(username, null, username, Role.ADMIN, this.encoder.encode(password), true);
		this.audit.record("system", null, null, "user.create", UserService.target(user), AuditLog.SUCCESS);
		log.warn(
				"Created the admin '{}' with a one-time password in {} (readable only by this user); "
						+ "it must be changed at the first login. Set PANOPTICON_ADMIN_PASSWORD to choose one.",
				username, file);
	}

	static void write(Path file, String password) {
		try {
			if (file.getParent() != null) {
				Files.createDirectories(file.getParent());
			}
			Files.deleteIfExists(file);
			try {
				Files.createFile(file,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			catch (UnsupportedOperationException ex) {
				// Not a POSIX file system: the platform's default permissions.
				Files.createFile(file);
			}
			Files.writeString(file, password + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the admin's one-time password to " + file, ex);
		}
	}

}
