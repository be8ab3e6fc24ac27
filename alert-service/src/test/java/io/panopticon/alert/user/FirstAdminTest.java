package io.panopticon.alert.user;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class FirstAdminTest {

	@Test
	void writesTheOneTimePasswordReadableOnlyByTheServicesUser(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("secrets/initial-admin-password");
		Files.createDirectories(file.getParent());
		Files.writeString(file, "an older one");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
		FirstAdmin.write(file, "Fresh-One-Time-Password");
		assertThat(Files.readString(file)).isEqualTo("Fresh-One-Time-Password\n");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
	}

}
