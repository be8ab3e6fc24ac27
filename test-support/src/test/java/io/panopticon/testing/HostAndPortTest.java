package io.panopticon.testing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HostAndPortTest {

	@Test
	void parsesHostAndPort() {
		assertThat(HostAndPort.parse(" redis.internal:6380 ")).isEqualTo(new HostAndPort("redis.internal", 6380));
	}

	@Test
	void parsesBracketedIpv6() {
		HostAndPort address = HostAndPort.parse("[::1]:6379");

		assertThat(address).isEqualTo(new HostAndPort("::1", 6379));
		assertThat(address).hasToString("[::1]:6379");
	}

	@Test
	void refusesTextWithoutPort() {
		assertThatIllegalArgumentException().isThrownBy(() -> HostAndPort.parse("localhost"))
			.withMessageContaining("host:port");
		assertThatIllegalArgumentException().isThrownBy(() -> HostAndPort.parse("localhost:"));
		assertThatIllegalArgumentException().isThrownBy(() -> HostAndPort.parse("localhost:redis"));
	}

}
