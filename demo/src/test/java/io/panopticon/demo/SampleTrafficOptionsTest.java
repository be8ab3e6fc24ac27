package io.panopticon.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.panopticon.demo.SampleTraffic.Options;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the command line of {@link SampleTraffic}.
 */
class SampleTrafficOptionsTest {

	@Test
	void defaultsWithoutArgumentsOrEnvironment() {
		Options options = Options.parse(List.of(), (name) -> null);
		assertThat(options.brokers()).isEqualTo("127.0.0.1:9092");
		assertThat(options.rate()).isEqualTo(200);
		assertThat(options.duration()).isNull();
		assertThat(options.spansTopic()).isEqualTo("apm.spans");
		assertThat(options.logsTopic()).isEqualTo("apm.logs");
	}

	@Test
	void defaultsComeFromTheOriginalVariables() {
		Map<String, String> environment = Map.of("KAFKA_BROKERS", "kafka-1:9092,kafka-2:9092", "KAFKA_APM_SPAN_TOPIC",
				"custom.spans", "KAFKA_APM_LOG_TOPIC", "custom.logs");
		Options options = Options.parse(List.of(), environment::get);
		assertThat(options.brokers()).isEqualTo("kafka-1:9092,kafka-2:9092");
		assertThat(options.spansTopic()).isEqualTo("custom.spans");
		assertThat(options.logsTopic()).isEqualTo("custom.logs");
	}

	@Test
	void argumentsWinOverTheEnvironment() {
		Options options = Options.parse(List.of("--brokers", "10.0.0.1:9092", "--rate=50.5", "--duration", "90s",
				"--spans-topic", "s", "--logs-topic=l", "--seed", "-3"), Map.of("KAFKA_BROKERS", "x:1")::get);
		assertThat(options).isEqualTo(new Options("10.0.0.1:9092", 50.5, Duration.ofSeconds(90), "s", "l", -3));
	}

	@Test
	void durationsInShortOrIsoForm() {
		assertThat(Options.parseDuration("30")).isEqualTo(Duration.ofSeconds(30));
		assertThat(Options.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
		assertThat(Options.parseDuration("10m")).isEqualTo(Duration.ofMinutes(10));
		assertThat(Options.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
		assertThat(Options.parseDuration("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void helpGivesNoOptions() {
		assertThat(Options.parse(List.of("--rate", "5", "--help"), (name) -> null)).isNull();
	}

	@Test
	void rejectsBadArgumentsNamingTheOption() {
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse(List.of("--rate", "0"), (name) -> null))
			.withMessageContaining("--rate");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse(List.of("--rate", "x"), (name) -> null))
			.withMessageContaining("--rate");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Options.parse(List.of("--duration", "-5s"), (name) -> null))
			.withMessageContaining("--duration");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse(List.of("--seed", "1.5"), (name) -> null))
			.withMessageContaining("--seed");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse(List.of("--brokers"), (name) -> null))
			.withMessageContaining("needs a value");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse(List.of("--colour", "red"), (name) -> null))
			.withMessageContaining("unknown option --colour");
	}

}
