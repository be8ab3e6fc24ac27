package io.panopticon.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class ZipUnpackerTest {

	@TempDir
	Path temp;

	@Test
	void unpacksContentWithTheStoredPermissions() throws IOException {
		Path zip = distribution();
		Path target = Files.createDirectory(this.temp.resolve("out"));

		ZipUnpacker.unpack(zip, target);

		assertThat(target.resolve("dist/bin/run")).hasContent("#!/bin/sh\necho run");
		assertThat(permissions(target.resolve("dist/bin/run"))).isEqualTo("rwxr-xr-x");
		assertThat(Files.isExecutable(target.resolve("dist/bin/run"))).isTrue();
		assertThat(permissions(target.resolve("dist/config/app.yml"))).isEqualTo("rw-rw----");
		assertThat(permissions(target.resolve("dist/lib/platform/libnative.so"))).isEqualTo("rw-r--r--");
		assertThat(permissions(target.resolve("dist/lib"))).isEqualTo("rwxr-x---");
	}

	@Test
	void refusesEntriesThatLeaveTheTarget() throws IOException {
		Path zip = this.temp.resolve("evil.zip");
		try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
			out.putNextEntry(new ZipEntry("../evil.txt"));
			out.write("x".getBytes(StandardCharsets.UTF_8));
			out.closeEntry();
		}
		Path target = Files.createDirectory(this.temp.resolve("out"));

		assertThatIOException().isThrownBy(() -> ZipUnpacker.unpack(zip, target));
		assertThat(this.temp.resolve("evil.txt")).doesNotExist();
	}

	@Test
	void unpacksOnceAndLeavesAnExistingCopyAlone() throws IOException {
		Path zip = distribution();
		Path target = this.temp.resolve("cache/dist-1.0");

		ZipUnpacker.unpackOnce(zip, target);
		Files.writeString(target.resolve("dist/marker"), "kept");
		Path again = ZipUnpacker.unpackOnce(zip, target);

		assertThat(again).isEqualTo(target.toAbsolutePath());
		assertThat(target.resolve("dist/marker")).hasContent("kept");
		assertThat(Files.isExecutable(target.resolve("dist/bin/run"))).isTrue();
	}

	@Test
	void removesStagingFoldersOfAnEarlierCrash() throws IOException {
		Path zip = distribution();
		Path cache = Files.createDirectories(this.temp.resolve("cache"));
		Path leftover = Files.createDirectories(cache.resolve("dist-1.0.unpacking-123/dist"));

		ZipUnpacker.unpackOnce(zip, cache.resolve("dist-1.0"));

		assertThat(leftover.getParent()).doesNotExist();
		try (var children = Files.list(cache)) {
			assertThat(children.map((child) -> child.getFileName().toString())).containsExactlyInAnyOrder("dist-1.0",
					"dist-1.0.lock");
		}
	}

	@Test
	void concurrentCallersShareOneCopy() throws Exception {
		Path zip = distribution();
		Path target = this.temp.resolve("cache/dist-1.0");
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			List<Callable<Path>> calls = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				calls.add(() -> ZipUnpacker.unpackOnce(zip, target));
			}
			for (Future<Path> result : executor.invokeAll(calls)) {
				assertThat(result.get()).isEqualTo(target.toAbsolutePath());
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(target.resolve("dist/bin/run")).exists();
	}

	private Path distribution() throws IOException {
		Path zip = this.temp.resolve("dist.zip");
		URI uri = URI.create("jar:" + zip.toUri());
		try (FileSystem fs = FileSystems.newFileSystem(uri,
				Map.of("create", "true", "enablePosixFileAttributes", "true"))) {
			write(fs, "/dist/bin/run", "#!/bin/sh\necho run", "rwxr-xr-x");
			write(fs, "/dist/config/app.yml", "a: 1", "rw-rw----");
			write(fs, "/dist/lib/platform/libnative.so", "ELF", "rw-r--r--");
			Files.setPosixFilePermissions(fs.getPath("/dist/lib"), PosixFilePermissions.fromString("rwxr-x---"));
		}
		return zip;
	}

	private static void write(FileSystem fs, String name, String content, String permissions) throws IOException {
		Path entry = fs.getPath(name);
		Files.createDirectories(entry.getParent());
		try (OutputStream out = Files.newOutputStream(entry)) {
			out.write(content.getBytes(StandardCharsets.UTF_8));
		}
		Files.setPosixFilePermissions(entry, PosixFilePermissions.fromString(permissions));
	}

	private static String permissions(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

}
