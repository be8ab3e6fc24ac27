package io.panopticon.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Finds the Elasticsearch server zip that Maven resolved and unpacks it once into a cache
 * folder shared by all test JVMs of the user.
 */
final class ElasticsearchHome {

	/**
	 * System property with the path of the server zip; the parent POM sets it for
	 * failsafe.
	 */
	static final String ZIP_PROPERTY = "panopticon.test.es.zip";

	/** System property with the server version; the parent POM sets it for failsafe. */
	static final String VERSION_PROPERTY = "panopticon.test.es.version";

	/**
	 * System property naming the cache folder; defaults to {@code ~/.cache/panopticon}.
	 */
	static final String CACHE_PROPERTY = "panopticon.test.cache-dir";

	/** Version used when {@value #VERSION_PROPERTY} is not set (as in the parent POM). */
	static final String DEFAULT_VERSION = "8.19.21";

	private ElasticsearchHome() {
	}

	/**
	 * The server version the harness runs.
	 * @return the version, for example {@code 8.19.21}
	 */
	static String version() {
		return System.getProperty(VERSION_PROPERTY, DEFAULT_VERSION);
	}

	/**
	 * Return the unpacked distribution (the folder holding {@code bin/elasticsearch}),
	 * unpacking it first when needed.
	 * @return the Elasticsearch home folder
	 * @throws IOException when the zip cannot be unpacked
	 */
	static Path resolve() throws IOException {
		Path zip = locateZip();
		String name = zip.getFileName().toString().replaceFirst("\\.zip$", "");
		Path target = ZipUnpacker.unpackOnce(zip, cacheDir().resolve(name));
		Path home = findHome(target);
		if (!Files.isExecutable(home.resolve("bin/elasticsearch"))) {
			throw new IllegalStateException(home.resolve("bin/elasticsearch") + " is not executable; delete " + target
					+ " so that it is unpacked again");
		}
		return home;
	}

	static Path locateZip() {
		String configured = System.getProperty(ZIP_PROPERTY);
		if (configured != null && !configured.isBlank()) {
			Path zip = Path.of(configured);
			if (!Files.isRegularFile(zip)) {
				throw new IllegalStateException(ZIP_PROPERTY + " names " + zip
						+ ", which does not exist; run the build once so that Maven downloads it");
			}
			return zip;
		}
		// Outside failsafe (an IDE, say) fall back to the local Maven repository.
		String repository = System.getProperty("maven.repo.local",
				Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
		String version = version();
		Path zip = Path.of(repository, "org", "elasticsearch", "distribution", "integ-test-zip", "elasticsearch",
				version, "elasticsearch-" + version + ".zip");
		if (!Files.isRegularFile(zip)) {
			throw new IllegalStateException("No Elasticsearch server zip: set the system property " + ZIP_PROPERTY
					+ " (the build does), or set " + TestServers.ELASTICSEARCH_ENV + " to a running server; looked for "
					+ zip);
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

	private static Path findHome(Path unpacked) throws IOException {
		if (Files.exists(unpacked.resolve("bin/elasticsearch"))) {
			return unpacked;
		}
		try (Stream<Path> children = Files.list(unpacked)) {
			return children.filter((child) -> Files.exists(child.resolve("bin/elasticsearch")))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No bin/elasticsearch below " + unpacked));
		}
	}

}
