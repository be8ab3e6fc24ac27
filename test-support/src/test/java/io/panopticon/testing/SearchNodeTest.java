package io.panopticon.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SearchNodeTest {

	private final Path home = Path.of("/cache/elasticsearch-8.19.21/elasticsearch-8.19.21");

	private final Path openSearchHome = Path.of("/cache/opensearch-2.19.4/opensearch-2.19.4");

	private final Path folder = Path.of("/tmp/panopticon-elasticsearch-root/node-42-1");

	@Test
	void commandRunsTheServerInAUserNamespaceWhenRoot() {
		List<String> command = SearchNode.command(SearchDistribution.ELASTICSEARCH, this.home, this.folder, 41000,
				41001, true);

		assertThat(command).startsWith("unshare", "--user", "--map-user=1000", "--map-group=1000", "--",
				"/cache/elasticsearch-8.19.21/elasticsearch-8.19.21/bin/elasticsearch", "-p",
				"/tmp/panopticon-elasticsearch-root/node-42-1/server.pid");
	}

	@Test
	void commandRunsTheScriptDirectlyOtherwise() {
		List<String> command = SearchNode.command(SearchDistribution.ELASTICSEARCH, this.home, this.folder, 41000,
				41001, false);

		assertThat(command.get(0)).isEqualTo("/cache/elasticsearch-8.19.21/elasticsearch-8.19.21/bin/elasticsearch");
		assertThat(command).doesNotContain("unshare");
	}

	@Test
	void commandSetsASingleNodeWithoutSecurityOnTheGivenPortsAndFolders() {
		List<String> command = SearchNode.command(SearchDistribution.ELASTICSEARCH, this.home, this.folder, 41000,
				41001, false);

		assertThat(String.join(" ", command)).contains("-E discovery.type=single-node")
			.contains("-E network.host=127.0.0.1")
			.contains("-E http.port=41000")
			.contains("-E transport.port=41001")
			.contains("-E network.tcp.reuse_address=true")
			.contains("-E xpack.security.enabled=false")
			.contains("-E cluster.routing.allocation.disk.threshold_enabled=false")
			.contains("-E action.destructive_requires_name=false")
			.contains("-E path.data=/tmp/panopticon-elasticsearch-root/node-42-1/data")
			.contains("-E path.logs=/tmp/panopticon-elasticsearch-root/node-42-1/logs");
	}

	@Test
	void openSearchRunsItsOwnLauncherWithTheSameSettingsButNoXpack() {
		List<String> command = SearchNode.command(SearchDistribution.OPENSEARCH, this.openSearchHome, this.folder,
				41000, 41001, true);

		assertThat(command).startsWith("unshare", "--user", "--map-user=1000", "--map-group=1000", "--",
				"/cache/opensearch-2.19.4/opensearch-2.19.4/bin/opensearch", "-p",
				"/tmp/panopticon-elasticsearch-root/node-42-1/server.pid");
		assertThat(String.join(" ", command)).contains("-E discovery.type=single-node")
			.contains("-E http.port=41000")
			.contains("-E transport.port=41001")
			.contains("-E action.destructive_requires_name=false")
			.doesNotContain("xpack")
			// The integ-test zip has no security plugin, which would refuse its own
			// settings as unknown.
			.doesNotContain("plugins.security");
	}

	@Test
	void environmentUsesThisJvmAndTheNodesOwnFolders() {
		Map<String, String> environment = SearchNode.environment(SearchDistribution.ELASTICSEARCH, this.folder);

		assertThat(environment).containsEntry("ES_JAVA_HOME", System.getProperty("java.home"))
			.containsEntry("ES_PATH_CONF", "/tmp/panopticon-elasticsearch-root/node-42-1/config")
			.containsEntry("ES_TMPDIR", "/tmp/panopticon-elasticsearch-root/node-42-1/tmp")
			.containsEntry("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
	}

	@Test
	void openSearchEnvironmentUsesItsOwnVariableNames() {
		Map<String, String> environment = SearchNode.environment(SearchDistribution.OPENSEARCH, this.folder);

		assertThat(environment).containsOnly(Map.entry("OPENSEARCH_JAVA_HOME", System.getProperty("java.home")),
				Map.entry("OPENSEARCH_PATH_CONF", "/tmp/panopticon-elasticsearch-root/node-42-1/config"),
				Map.entry("OPENSEARCH_TMPDIR", "/tmp/panopticon-elasticsearch-root/node-42-1/tmp"),
				Map.entry("OPENSEARCH_JAVA_OPTS", "-Xms512m -Xmx512m"));
	}

	@Test
	void theLauncherSeesNoneOfTheTestJvmsOwnSettingsOfItsHomeOrJvm() {
		assertThat(SearchNode.ignoredEnvironment(SearchDistribution.OPENSEARCH)).contains("JAVA_HOME",
				"JAVA_TOOL_OPTIONS", "OPENSEARCH_HOME", "OPENSEARCH_PATH_CONF", "OPENSEARCH_JAVA_OPTS");
		assertThat(SearchNode.ignoredEnvironment(SearchDistribution.ELASTICSEARCH)).contains("JAVA_HOME", "ES_HOME",
				"ES_PATH_CONF", "ES_JAVA_OPTS");
	}

	@Test
	void eachDistributionHasItsOwnZipPropertiesAndPlaceInTheMavenRepository() {
		assertThat(SearchDistribution.OPENSEARCH.zipProperty()).isEqualTo("panopticon.test.opensearch.zip");
		assertThat(SearchDistribution.ELASTICSEARCH.zipProperty()).isEqualTo("panopticon.test.es.zip");
		assertThat(SearchDistribution.OPENSEARCH.zipIn(Path.of("/m2"))).isEqualTo(Path
			.of("/m2/org/opensearch/distribution/integ-test-zip/opensearch/" + SearchDistribution.OPENSEARCH.version()
					+ "/opensearch-" + SearchDistribution.OPENSEARCH.version() + ".zip"));
	}

}
