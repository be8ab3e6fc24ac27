package io.panopticon.ingest.pipeline;

import org.junit.jupiter.api.Test;

import io.panopticon.common.autoconfigure.PanopticonTopicsProperties;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class OtlpKafkaConfigurationTest {

	private final PanopticonTopicsProperties topics = new PanopticonTopicsProperties("apm.spans", "apm.logs",
			"apm.logs.error");

	@Test
	void anExporterTopicMustNotBeOneOfThePipelinesOwn() {
		assertThatNoException().isThrownBy(() -> OtlpKafkaConfiguration.checkTopic("spans", "otlp_spans", this.topics));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> OtlpKafkaConfiguration.checkTopic("logs", "apm.logs", this.topics))
			.withMessage(
					"panopticon.ingest.otlp-kafka.logs.topic must not be one of panopticon.topics.*, not apm.logs");
	}

}
