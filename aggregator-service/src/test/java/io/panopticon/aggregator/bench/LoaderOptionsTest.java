package io.panopticon.aggregator.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LoaderOptionsTest {

	@Test
	void defaultsLoadTenMillionSpansOverSevenDaysAndRollThemUp() {
		LoaderOptions options = LoaderOptions.parse(List.of(), Map.of());

		assertThat(options.elasticsearch()).isNull();
		assertThat(options.spans()).isEqualTo(10_000_000);
		assertThat(Duration.between(options.start(), options.end())).isEqualTo(Duration.ofDays(7));
		assertThat(options.rollup()).isTrue();
	}

	@Test
	void optionsOverrideTheDefaultsAndTheEnvironment() {
		LoaderOptions options = LoaderOptions.parse(
				List.of("--es", "http://127.0.0.1:9200", "--spans", "1_000_000", "--days", "1", "--end",
						"2026-11-22T00:00:00Z", "--skip-rollup"),
				Map.of("PANOPTICON_TEST_ES", "http://elsewhere:9200"));

		assertThat(options.elasticsearch()).isEqualTo("http://127.0.0.1:9200");
		assertThat(options.spans()).isEqualTo(1_000_000);
		assertThat(options.start()).isEqualTo(Instant.parse("2026-11-21T00:00:00Z"));
		assertThat(options.rollup()).isFalse();
		assertThat(LoaderOptions.parse(List.of("--help"), Map.of())).isNull();
	}

	@Test
	void wrongOptionsAreNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> LoaderOptions.parse(List.of("--spans", "0"), Map.of()))
			.withMessageContaining("--spans");
		assertThatIllegalArgumentException().isThrownBy(() -> LoaderOptions.parse(List.of("--what"), Map.of()))
			.withMessageContaining("--what");
	}

}
