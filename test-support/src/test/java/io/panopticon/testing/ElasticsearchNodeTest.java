package io.panopticon.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ElasticsearchNodeTest {

	private final Path home = Path.of("/cache/elasticsearch-8.19.21/elasticsearch-8.19.21");

	private final Path folder = Path.of("/tmp/panopticon-es-root/node-42-1");

	@Test
	void commandRunsTheServerInAUserNamespaceWhenRoot() {
		List<String> command = ElasticsearchNode.command(this.home, this.folder, 41000, 41001, true);

		assertThat(command).startsWith("unshare", "--user", "--map-user=1000", "--map-group=1000", "--",
				"/cache/elasticsearch-8.19.21/elasticsearch-8.19.21/bin/elasticsearch", "-p",
				"/tmp/panopticon-es-root/node-42-1/elasticsearch.pid");
	}

	@Test
	void commandRunsTheScriptDirectlyOtherwise() {
		List<String> command = ElasticsearchNode.command(this.home, this.folder, 41000, 41001, false);

		assertThat(command.get(0)).isEqualTo("/cache/elasticsearch-8.19.21/elasticsearch-8.19.21/bin/elasticsearch");
		assertThat(command).doesNotContain("unshare");
	}

	@Test
	void commandSetsASingleNodeWithoutSecurityOnTheGivenPortsAndFolders() {
		List<String> command = ElasticsearchNode.command(this.home, this.folder, 41000, 41001, false);

		assertThat(String.join(" ", command)).contains("-E discovery.type=single-node")
			.contains("-E network.host=127.0.0.1")
			.contains("-E http.port=41000")
			.contains("-E transport.port=41001")
			.contains("-E network.tcp.reuse_address=true")
			.contains("-E xpack.security.enabled=false")
			.contains("-E cluster.routing.allocation.disk.threshold_enabled=false")
			.contains("-E action.destructive_requires_name=false")
			.contains("-E path.data=/tmp/panopticon-es-root/node-42-1/data")
			.contains("-E path.logs=/tmp/panopticon-es-root/node-42-1/logs");
	}

	@Test
	void environmentUsesThisJvmAndTheNodesOwnFolders() {
		Map<String, String> environment = ElasticsearchNode.environment(this.folder);

		assertThat(environment).containsEntry("ES_JAVA_HOME", System.getProperty("java.home"))
			.containsEntry("ES_PATH_CONF", "/tmp/panopticon-es-root/node-42-1/config")
			.containsEntry("ES_TMPDIR", "/tmp/panopticon-es-root/node-42-1/tmp")
			.containsEntry("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
	}

}
