package io.panopticon.errorstream.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.panopticon.testing.BenchmarkMain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ErrorStreamBenchmarkOptionsTest {

	@Test
	void defaultsAreTheIssuesSetUp() {
		ErrorStreamBenchmark.Options options = ErrorStreamBenchmark.Options.parse(List.of(), Map.of());
		assertThat(options).isEqualTo(new ErrorStreamBenchmark.Options(200, 60, 10, 90, 30, 1000, false,
				BenchmarkMain.SERVICE_JAVA_OPTIONS, Path.of("error-stream-service/target/bench")));
	}

	@Test
	void readsEveryOption() {
		ErrorStreamBenchmark.Options options = ErrorStreamBenchmark.Options.parse(List.of("--rate", "1,000",
				"--duration", "5", "--all-clients", "0", "--service-clients", "4", "--services", "2", "--rate-limit",
				"50", "--skip-chain", "--java-opts", "-Xmx1g", "--work-dir", "/tmp/b"),
				Map.of("PANOPTICON_SERVICE_JAVA_OPTS", "-Xmx512m"));
		assertThat(options)
			.isEqualTo(new ErrorStreamBenchmark.Options(1000, 5, 0, 4, 2, 50, true, "-Xmx1g", Path.of("/tmp/b")));
		assertThat(ErrorStreamBenchmark.Options.parse(List.of(), Map.of("PANOPTICON_SERVICE_JAVA_OPTS", "-Xmx512m"))
			.javaOptions()).isEqualTo("-Xmx512m");
		assertThat(ErrorStreamBenchmark.Options.parse(List.of("--help"), Map.of())).isNull();
	}

	@Test
	void badOptionsAreNamed() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ErrorStreamBenchmark.Options.parse(List.of("--rate", "0"), Map.of()))
			.withMessageContaining("--rate");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ErrorStreamBenchmark.Options.parse(List.of("--services", "many"), Map.of()))
			.withMessageContaining("--services");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ErrorStreamBenchmark.Options.parse(List.of("--rate"), Map.of()))
			.withMessageContaining("missing value");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ErrorStreamBenchmark.Options.parse(List.of("--what", "1"), Map.of()))
			.withMessageContaining("unknown option");
	}

	@Test
	void serviceClientsAreSpreadEvenly() {
		assertThat(ErrorStreamBenchmark.service(7)).isEqualTo("bench-service-07");
	}

}
