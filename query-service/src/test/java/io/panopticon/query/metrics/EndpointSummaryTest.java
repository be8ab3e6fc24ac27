package io.panopticon.query.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointSummaryTest {

	private static final Figures ONE = new Figures().add(1, 0, 1_000, new int[] { 349 }, new long[] { 1 });

	@Test
	void httpEndpointsSplitIntoMethodAndPath() {
		EndpointSummary summary = EndpointSummary.of("GET /orders/{id}", ONE);
		assertThat(summary.method()).isEqualTo("GET");
		assertThat(summary.path()).isEqualTo("/orders/{id}");
		assertThat(summary.endpoint()).isEqualTo("GET /orders/{id}");
	}

	@Test
	void otherEndpointsAreTheirSpanName() {
		EndpointSummary summary = EndpointSummary.of("process payment-events", ONE);
		assertThat(summary.method()).isNull();
		assertThat(summary.path()).isEqualTo("process payment-events");
		assertThat(EndpointSummary.of("SELECT /x", ONE).method()).isNull();
	}

}
