package io.panopticon.errorstream.stomp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DestinationsTest {

	@Test
	void allServicesAndOneService() {
		assertThat(Destinations.serviceOf("/topic/error-logs")).isEmpty();
		assertThat(Destinations.serviceOf("/topic/error-logs.orders")).contains("orders");
		assertThat(Destinations.serviceOf("/topic/error-logs.web.gateway")).contains("web.gateway");
		assertThat(Destinations.ofService("orders")).isEqualTo("/topic/error-logs.orders");
	}

	@Test
	void otherDestinationsAreRefused() {
		for (String destination : new String[] { null, "", "/topic/error-logs.", "/topic/errors", "/queue/x",
				"/topic/error-logsx" }) {
			assertThatIllegalArgumentException().as(destination)
				.isThrownBy(() -> Destinations.serviceOf(destination))
				.withMessageContaining("/topic/error-logs");
		}
	}

}
