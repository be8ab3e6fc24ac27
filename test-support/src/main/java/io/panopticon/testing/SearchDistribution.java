package io.panopticon.testing;

import java.nio.file.Path;
import java.util.Map;

/**
 * A search server distribution the harness runs from its Maven zip: Elasticsearch or
 * OpenSearch. OpenSearch forked from Elasticsearch 7.10, so both start the same way and
 * differ only in names: the launcher script, the environment variables it reads, and the
 * settings of plugins the zip holds.
 */
enum SearchDistribution {

	/**
	 * Elasticsearch; its integ-test zip holds x-pack security, enabled unless switched
	 * off.
	 */
	ELASTICSEARCH("Elasticsearch", "elasticsearch", "ES_", "panopticon.test.es",
			"org.elasticsearch.distribution.integ-test-zip", "8.19.21", TestServers.ELASTICSEARCH_ENV,
			Map.of("xpack.security.enabled", "false")),

	/**
	 * OpenSearch; its integ-test zip holds no security plugin (only the transport-netty4
	 * module), and a {@code plugins.security.*} setting would be refused as unknown.
	 */
	OPENSEARCH("OpenSearch", "opensearch", "OPENSEARCH_", "panopticon.test.opensearch",
			"org.opensearch.distribution.integ-test-zip", "2.19.4", TestServers.OPENSEARCH_ENV, Map.of());

	private final String displayName;

	private final String name;

	private final String environmentPrefix;

	private final String propertyPrefix;

	private final String groupId;

	private final String defaultVersion;

	private final String serverEnvironment;

	private final Map<String, String> ownSettings;

	SearchDistribution(String displayName, String name, String environmentPrefix, String propertyPrefix, String groupId,
			String defaultVersion, String serverEnvironment, Map<String, String> ownSettings) {
		this.displayName = displayName;
		this.name = name;
		this.environmentPrefix = environmentPrefix;
		this.propertyPrefix = propertyPrefix;
		this.groupId = groupId;
		this.defaultVersion = defaultVersion;
		this.serverEnvironment = serverEnvironment;
		this.ownSettings = ownSettings;
	}

	/**
	 * The name for messages.
	 * @return for example {@code OpenSearch}
	 */
	String displayName() {
		return this.displayName;
	}

	/**
	 * The launcher script's name in {@code bin/}, also the Maven artifactId and the stem
	 * of the zip's name.
	 * @return for example {@code opensearch}
	 */
	String launcher() {
		return this.name;
	}

	/**
	 * System property with the path of the server zip; the parent POM sets it for
	 * failsafe.
	 * @return for example {@code panopticon.test.opensearch.zip}
	 */
	String zipProperty() {
		return this.propertyPrefix + ".zip";
	}

	/**
	 * System property with the server version; the parent POM sets it for failsafe.
	 * @return for example {@code panopticon.test.opensearch.version}
	 */
	String versionProperty() {
		return this.propertyPrefix + ".version";
	}

	/**
	 * System property with the start timeout as an ISO-8601 duration ({@code PT2M}).
	 * @return for example {@code panopticon.test.opensearch.start-timeout}
	 */
	String startTimeoutProperty() {
		return this.propertyPrefix + ".start-timeout";
	}

	/**
	 * The server version: the system property {@link #versionProperty()}, else the one
	 * the parent POM names.
	 * @return for example {@code 2.19.4}
	 */
	String version() {
		return System.getProperty(versionProperty(), this.defaultVersion);
	}

	/**
	 * Where the server zip lies in a local Maven repository.
	 * @param repository the repository's root folder
	 * @return the zip's path
	 */
	Path zipIn(Path repository) {
		String version = version();
		return repository.resolve(this.groupId.replace('.', '/'))
			.resolve(this.name)
			.resolve(version)
			.resolve(this.name + "-" + version + ".zip");
	}

	/**
	 * The environment variable that names a running server instead.
	 * @return for example {@code PANOPTICON_TEST_OPENSEARCH}
	 */
	String serverEnvironment() {
		return this.serverEnvironment;
	}

	/**
	 * Settings only this distribution knows, on top of the shared ones.
	 * @return setting names and values
	 */
	Map<String, String> ownSettings() {
		return this.ownSettings;
	}

	/**
	 * The launcher's environment variable of the given suffix.
	 * @param suffix for example {@code JAVA_HOME}
	 * @return for example {@code OPENSEARCH_JAVA_HOME}
	 */
	String environment(String suffix) {
		return this.environmentPrefix + suffix;
	}

}
