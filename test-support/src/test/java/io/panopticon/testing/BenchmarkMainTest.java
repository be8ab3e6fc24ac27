package io.panopticon.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchmarkMainTest {

	@Test
	void servicesOfTheBenchmarksRunWithTheOptionsOfTheLocalStack() throws IOException {
		String stack = Files.readString(Path.of("../infra/local/stack"));
		assertThat(stack)
			.contains("SERVICE_JAVA_OPTS=${PANOPTICON_SERVICE_JAVA_OPTS:-" + BenchmarkMain.SERVICE_JAVA_OPTIONS + "}");
		// The ingest benchmark's script adds the class-data-sharing archive to them.
		assertThat(Files.readString(Path.of("../infra/bench/ingest-benchmark"))).contains(
				"${PANOPTICON_SERVICE_JAVA_OPTS:-" + BenchmarkMain.SERVICE_JAVA_OPTIONS + "} -XX:SharedArchiveFile");
	}

	@Test
	void theEnvironmentReplacesTheServiceOptions() {
		assertThat(BenchmarkMain.serviceJavaOptions(Map.of("PANOPTICON_SERVICE_JAVA_OPTS", "-Xmx1g")))
			.isEqualTo("-Xmx1g");
		assertThat(BenchmarkMain.serviceJavaOptions(Map.of())).isEqualTo(BenchmarkMain.SERVICE_JAVA_OPTIONS);
	}

}
