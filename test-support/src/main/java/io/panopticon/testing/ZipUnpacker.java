package io.panopticon.testing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacks zip archives with the Unix permissions stored in them, so that scripts stay
 * executable, and shares one unpacked copy between processes.
 */
final class ZipUnpacker {

	private static final Logger log = LoggerFactory.getLogger(ZipUnpacker.class);

	private static final String STAGING_INFIX = ".unpacking-";

	private ZipUnpacker() {
	}

	/**
	 * Unpack {@code zip} into {@code target} unless another call (in this or another
	 * process) already did. The archive goes to a staging folder beside the target that
	 * is renamed into place, so a target that exists is always complete; a file lock
	 * keeps two processes from unpacking at the same time.
	 * @param zip the archive
	 * @param target the folder that holds the archive's content afterwards
	 * @return {@code target}
	 * @throws IOException when the archive cannot be read or the folder written
	 */
	static synchronized Path unpackOnce(Path zip, Path target) throws IOException {
		Path absolute = target.toAbsolutePath();
		if (Files.isDirectory(absolute)) {
			return absolute;
		}
		Path parent = absolute.getParent();
		Files.createDirectories(parent);
		String name = absolute.getFileName().toString();
		try (FileChannel lock = FileChannel.open(parent.resolve(name + ".lock"), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE)) {
			// Released when the channel closes.
			lock.lock();
			if (Files.isDirectory(absolute)) {
				return absolute;
			}
			deleteStaleStaging(parent, name);
			long started = System.nanoTime();
			Path staging = Files.createTempDirectory(parent, name + STAGING_INFIX);
			try {
				unpack(zip, staging);
				Files.move(staging, absolute, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (IOException | RuntimeException ex) {
				FileTrees.delete(staging);
				throw ex;
			}
			log.info("Unpacked {} into {} in {} ms", zip.getFileName(), absolute,
					(System.nanoTime() - started) / 1_000_000);
		}
		return absolute;
	}

	/**
	 * Unpack every entry of {@code zip} below {@code target}, applying the permissions
	 * recorded in the archive (entries without recorded permissions get the platform
	 * defaults). Entries that would land outside {@code target} are refused.
	 * @param zip the archive
	 * @param target an existing folder
	 * @throws IOException when the archive cannot be read or the folder written
	 */
	static void unpack(Path zip, Path target) throws IOException {
		Path root = target.toAbsolutePath().normalize();
		boolean posix = Files.getFileAttributeView(root, PosixFileAttributeView.class) != null;
		List<Path> directories = new ArrayList<>();
		List<Set<PosixFilePermission>> directoryPermissions = new ArrayList<>();
		try (FileSystem archive = FileSystems.newFileSystem(zip, Map.of("enablePosixFileAttributes", "true"));
				Stream<Path> entries = Files.walk(archive.getPath("/"))) {
			for (Path entry : (Iterable<Path>) entries::iterator) {
				String name = archive.getPath("/").relativize(entry).toString();
				if (name.isEmpty()) {
					continue;
				}
				Path out = root.resolve(name).normalize();
				if (!out.startsWith(root)) {
					throw new IOException("Zip entry " + name + " points outside " + root);
				}
				Set<PosixFilePermission> permissions = Files.readAttributes(entry, PosixFileAttributes.class)
					.permissions();
				if (Files.isDirectory(entry)) {
					Files.createDirectories(out);
					directories.add(out);
					directoryPermissions.add(permissions);
				}
				else {
					Files.createDirectories(out.getParent());
					Files.copy(entry, out);
					if (posix) {
						Files.setPosixFilePermissions(out, permissions);
					}
				}
			}
		}
		if (posix) {
			// Folders last and deepest first: a folder without write permission must not
			// stop its content from being written.
			for (int i = directories.size() - 1; i >= 0; i--) {
				Files.setPosixFilePermissions(directories.get(i), directoryPermissions.get(i));
			}
		}
	}

	private static void deleteStaleStaging(Path parent, String name) throws IOException {
		try (Stream<Path> siblings = Files.list(parent)) {
			for (Path sibling : (Iterable<Path>) siblings::iterator) {
				if (sibling.getFileName().toString().startsWith(name + STAGING_INFIX)) {
					// Only the lock holder unpacks, so a staging folder seen now was left
					// by a process that died.
					FileTrees.delete(sibling);
				}
			}
		}
	}

}
