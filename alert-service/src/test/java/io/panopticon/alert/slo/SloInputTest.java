package io.panopticon.alert.slo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.panopticon.common.web.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SloInputTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Takes every id as an existing channel; an inline channel becomes channel 100. */
	private static SloDefinition read(String json) {
		return SloInput.read(JSON.readTree(json), (entry) -> (entry.id() != null) ? entry.id() : 100L);
	}

	@Test
	void simpleErrorRateThresholdIsTheHighestErrorRateSoTheObjectiveIsItsComplement() {
		SloDefinition slo = read("""
				{"serviceName": "orders", "metricType": "error_rate", "threshold": 0.5, "webhooks": [3, "4"]}""");
		assertThat(slo.indicator()).isEqualTo(Indicator.ERROR_RATE);
		assertThat(slo.objective()).isEqualTo(99.5);
		assertThat(slo.threshold()).isNull();
		assertThat(slo.windowDays()).isEqualTo(28);
		assertThat(slo.channels()).containsExactly(3L, 4L);
		assertThat(slo.burnRateAlerts()).isEqualTo(BurnRateAlert.DEFAULTS);
		assertThat(slo.name()).isEqualTo("orders error_rate");
	}

	@Test
	void simpleLatencyIsBeatenByNinetyNinePercentUnlessAnObjectiveIsGiven() {
		SloDefinition slo = read("""
				{"serviceName": "orders", "metricType": "latency", "threshold": 300}""");
		assertThat(slo.indicator()).isEqualTo(Indicator.LATENCY);
		assertThat(slo.threshold()).isEqualTo(300);
		assertThat(slo.objective()).isEqualTo(99);
		assertThat(read("""
				{"serviceName": "orders", "metricType": "latency", "threshold": 300, "objective": 95}""").objective())
			.isEqualTo(95);
	}

	@Test
	void simpleThroughputIsTheMinimumRequestsPerMinute() {
		SloDefinition slo = read("""
				{"serviceName": "orders", "metricType": "throughput", "threshold": 20}""");
		assertThat(slo.indicator()).isEqualTo(Indicator.THROUGHPUT);
		assertThat(slo.threshold()).isEqualTo(20);
		assertThat(slo.objective()).isEqualTo(99);
	}

	@Test
	void fullFormKeepsEveryField() {
		SloDefinition slo = read(
				"""
						{"name": "Checkout", "serviceName": "orders", "endpoint": "POST /checkout", "environment": "prod",
						 "indicator": "latency", "threshold": 250, "objective": 99.9, "windowDays": 7, "channels": ["12"],
						 "labels": {"team": "payments"},
						 "burnRateAlerts": [{"severity": "critical", "factor": 10, "longWindow": "60m", "shortWindow": "5m"}]}""");
		assertThat(slo).isEqualTo(new SloDefinition("Checkout", "orders", "prod", "POST /checkout", Indicator.LATENCY,
				250.0, 99.9, 7, List.of(12L), Map.of("team", "payments"),
				List.of(new BurnRateAlert("critical", 10, "1h", "5m"))));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					{"metricType": "error_rate", "threshold": 1}                                      | serviceName
					{"serviceName": "a", "metricType": "errors", "threshold": 1}                      | metricType
					{"serviceName": "a", "metricType": "error_rate"}                                  | threshold
					{"serviceName": "a", "metricType": "error_rate", "threshold": 100}                | threshold
					{"serviceName": "a", "metricType": "error_rate", "threshold": 1, "objective": 98} | objective
					{"serviceName": "a", "metricType": "latency", "threshold": -1}                    | threshold
					{"serviceName": "a", "metricType": "latency", "threshold": "fast"}                | threshold
					{"serviceName": "a", "indicator": "error_rate"}                                   | objective
					{"serviceName": "a", "indicator": "error_rate", "objective": 100}                 | objective
					{"serviceName": "a", "indicator": "error_rate", "objective": 99, "threshold": 1}  | threshold
					{"serviceName": "a", "indicator": "latency", "objective": 99}                     | threshold
					{"serviceName": "a", "indicator": "error_rate", "objective": 99, "windowDays": 14} | windowDays
					{"serviceName": "a", "indicator": "error_rate", "objective": 99, "channels": [0]} | channels[0]
					{"serviceName": "a", "indicator": "error_rate", "objective": 99, "labels": {"a": 1}} | labels
					{"serviceName": "a", "indicator": "error_rate", "objective": 99, "colour": "red"} | colour
					{"serviceName": "a", "metricType": "error_rate", "threshold": 1, "webhooks": [1, "x"]}           | webhooks[1]
					{"serviceName": "a", "metricType": "error_rate", "threshold": 1, "webhooks": [1, [2]]}          | webhooks[1]
					{"serviceName": "a", "metricType": "error_rate", "threshold": 1, "webhooks": {"type": "slack"}} | webhooks
					{"serviceName": "a", "metricType": "error_rate", "threshold": 1, "webhooks": [1], "channels": [2]} | webhooks
					{"serviceName": "a", "indicator": "error_rate", "objective": 99, "burnRateAlerts": [{"severity": "page", "factor": 2, "longWindow": "1h", "shortWindow": "5m"}]} | burnRateAlerts
					{"serviceName": "a", "indicator": "error_rate", "objective": 99, "burnRateAlerts": [{"severity": "critical", "factor": 2, "longWindow": "5m", "shortWindow": "1h"}]} | burnRateAlerts
					{"serviceName": "a", "indicator": "error_rate", "objective": 99, "burnRateAlerts": [{"severity": "critical", "factor": 2, "longWindow": "4d", "shortWindow": "1h"}]} | burnRateAlerts
					""")
	void aWrongFieldIsNamed(String json, String field) {
		assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> read(json))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo(field));
	}

	@Test
	void inlineChannelsAndIdsReachTheResolverInOrderNamedByTheirPlace() {
		List<SloInput.ChannelEntry> seen = new ArrayList<>();
		SloDefinition slo = SloInput.read(JSON.readTree("""
				{"serviceName": "a", "metricType": "error_rate", "threshold": 1,
				 "webhooks": ["4", {"url": "https://hooks.slack.com/services/x"}, 4]}"""), (entry) -> {
			seen.add(entry);
			return (entry.id() != null) ? entry.id() : 9L;
		});
		assertThat(slo.channels()).containsExactly(4L, 9L);
		assertThat(seen).extracting(SloInput.ChannelEntry::field)
			.containsExactly("webhooks[0]", "webhooks[1]", "webhooks[2]");
		assertThat(seen.get(1).id()).isNull();
		assertThat(seen.get(1).inline().path("url").asString()).isEqualTo("https://hooks.slack.com/services/x");
		// Seed 000's webhooks take a missing type from the URL, as POST /api/webhooks
		// does.
		assertThat(seen.get(1).inferType()).isTrue();
		SloInput.read(JSON.readTree("""
				{"serviceName": "a", "indicator": "error_rate", "objective": 99,
				 "channels": [{"type": "slack", "url": "https://hooks.slack.com/services/x"}]}"""), (entry) -> {
			assertThat(entry.field()).isEqualTo("channels[0]");
			assertThat(entry.inferType()).isFalse();
			return 1L;
		});
	}

	@Test
	void noChannelIsResolvedForAnSloThatIsWrongElsewhere() {
		assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> SloInput.read(JSON.readTree("""
				{"serviceName": "a", "metricType": "error_rate", "threshold": 1, "labels": {"a": 1},
				 "webhooks": [{"type": "webhook", "url": "https://example.com/hook"}]}"""), (entry) -> {
			throw new AssertionError("resolved " + entry);
		})).satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("labels"));
	}

}
