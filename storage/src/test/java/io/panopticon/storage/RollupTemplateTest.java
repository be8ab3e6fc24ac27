package io.panopticon.storage;

import io.panopticon.testing.JsonText;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class RollupTemplateTest {

	@Test
	void templateIsExactlyTheDocumentedOne() {
		assertThat(RollupTemplate.NAME).isEqualTo("panopticon-metrics-apm");
		assertThat(JsonText.compact(RollupTemplate.body(0, Duration.ofSeconds(1))))
			.isEqualTo(JsonText.resource(RollupTemplateTest.class, "metrics-apm-template.json"));
	}

	@Test
	void templateCarriesTheConfiguredSettings() {
		JsonNode index = JsonMapper.builder()
			.build()
			.readTree(RollupTemplate.body(2, Duration.ofMillis(500)))
			.at("/template/settings/index");

		assertThat(index.path("number_of_replicas").asInt()).isEqualTo(2);
		assertThat(index.path("refresh_interval").asString()).isEqualTo("500ms");
	}

}
