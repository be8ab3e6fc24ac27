package io.panopticon.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Finds the server zip of a search distribution that Maven resolved and unpacks it once
 * into a cache folder shared by all test JVMs of the user.
 */
final class SearchHome {

	/**
	 * System property naming the cache folder; defaults to {@code ~/.cache/panopticon}.
	 */
	static final String CACHE_PROPERTY = "panopticon.test.cache-dir";

	private SearchHome() {
	}

	/**
	 * Return the unpacked distribution (the folder holding its launcher in {@code bin/}),
	 * unpacking it first when needed.
	 * @param distribution the distribution
	 * @return its home folder
	 * @throws IOException when the zip cannot be unpacked
	 */
	static Path resolve(SearchDistribution distribution) throws IOException {
		Path zip = locateZip(distribution);
		String name = zip.getFileName().toString().replaceFirst("\\.zip$", "");
		Path target = ZipUnpacker.unpackOnce(zip, cacheDir().resolve(name));
		String launcher = "bin/" + distribution.launcher();
		Path home = findHome(target, launcher);
		if (!Files.isExecutable(home.resolve(launcher))) {
			throw new IllegalStateException(
					home.resolve(launcher) + " is not executable; delete " + target + " so that it is unpacked again");
		}
		return home;
	}

	static Path locateZip(SearchDistribution distribution) {
		String configured = System.getProperty(distribution.zipProperty());
		if (configured != null && !configured.isBlank()) {
			Path zip = Path.of(configured);
			if (!Files.isRegularFile(zip)) {
				throw new IllegalStateException(distribution.zipProperty() + " names " + zip
						+ ", which does not exist; run the build once so that Maven downloads it");
			}
			return zip;
		}
		// Outside failsafe (an IDE, say) fall back to the local Maven repository.
		String repository = System.getProperty("maven.repo.local",
				Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
		Path zip = distribution.zipIn(Path.of(repository));
		if (!Files.isRegularFile(zip)) {
			throw new IllegalStateException("No " + distribution.displayName() + " server zip: set the system property "
					+ distribution.zipProperty() + " (the build does), or set " + distribution.serverEnvironment()
					+ " to a running server; looked for " + zip);
		}
		return zip;
	}

	static Path cacheDir() {
		String configured = System.getProperty(CACHE_PROPERTY);
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured);
		}
		return Path.of(System.getProperty("user.home"), ".cache", "panopticon");
	}

	private static Path findHome(Path unpacked, String launcher) throws IOException {
		if (Files.exists(unpacked.resolve(launcher))) {
			return unpacked;
		}
		try (Stream<Path> children = Files.list(unpacked)) {
			return children.filter((child) -> Files.exists(child.resolve(launcher)))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No " + launcher + " below " + unpacked));
		}
	}

}
