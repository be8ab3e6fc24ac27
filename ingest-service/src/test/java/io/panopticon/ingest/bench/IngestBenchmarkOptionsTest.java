package io.panopticon.ingest.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.panopticon.ingest.bench.IngestBenchmark.Options;
import org.junit.jupiter.api.Test;

import io.panopticon.testing.BenchmarkMain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the command line of {@link IngestBenchmark}.
 */
class IngestBenchmarkOptionsTest {

	@Test
	void defaultsMatchTheIssue() {
		Options options = Options.parse(List.of(), Map.of());
		assertThat(options.spans()).isEqualTo(1_000_000);
		assertThat(options.rounds()).isEqualTo(3);
		assertThat(options.partitions()).isEqualTo(6);
		assertThat(options.skipLimit()).isFalse();
		assertThat(options.skipIngest()).isFalse();
		assertThat(options.javaOptions()).isEqualTo(BenchmarkMain.SERVICE_JAVA_OPTIONS);
		assertThat(options.jar()).isEqualTo(Path.of("ingest-service/target/ingest-service-0.1.0-SNAPSHOT.jar"));
		assertThat(options.ingestArguments()).isEmpty();
	}

	@Test
	void readsFlagsAndPassesWhatFollowsTheSeparatorToTheService() {
		Options options = Options.parse(
				List.of("--spans", "20_000", "--rounds", "1", "--skip-limit", "--warmup", "0", "--stall-timeout", "30",
						"--java-opts", "-Xmx512m", "--", "--panopticon.ingest.bulk.batch-size=1000"),
				Map.of("PANOPTICON_SERVICE_JAVA_OPTS", "-Xmx1g"));
		assertThat(options.spans()).isEqualTo(20_000);
		assertThat(options.rounds()).isEqualTo(1);
		assertThat(options.skipLimit()).isTrue();
		assertThat(options.warmup()).isZero();
		assertThat(options.stallTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(options.javaOptions()).isEqualTo("-Xmx512m");
		assertThat(options.ingestArguments()).containsExactly("--panopticon.ingest.bulk.batch-size=1000");
	}

	@Test
	void takesTheServiceJvmOptionsOfTheLocalStack() {
		assertThat(Options.parse(List.of(), Map.of("PANOPTICON_SERVICE_JAVA_OPTS", "-Xmx1g")).javaOptions())
			.isEqualTo("-Xmx1g");
	}

	@Test
	void rejectsWhatCannotBeRun() {
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse(List.of("--spans", "0"), Map.of()))
			.withMessageContaining("--spans");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse(List.of("--rounds"), Map.of()))
			.withMessageContaining("--rounds");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Options.parse(List.of("--skip-limit", "--skip-ingest"), Map.of()))
			.withMessageContaining("nothing to measure");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse(List.of("--colour", "red"), Map.of()))
			.withMessageContaining("--colour");
	}

	@Test
	void helpGivesNoOptions() {
		assertThat(Options.parse(List.of("--help"), Map.of())).isNull();
	}

}
