package io.panopticon.alert.user;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first admin ({@code panopticon.admin.*}; environment {@code PANOPTICON_ADMIN_*}).
 *
 * @param username the admin's login name
 * @param password the admin's password, applied at every start (so the configured one is
 * always the current one); when absent and the account does not exist yet, a one-time
 * password is written to {@code initialPasswordFile} and must be changed at first login
 * @param initialPasswordFile where the one-time password goes, readable only by the
 * service's user
 */
@ConfigurationProperties("panopticon.admin")
record AdminProperties(@DefaultValue("admin") String username, String password,
		@DefaultValue("initial-admin-password") Path initialPasswordFile) {
}
