package io.panopticon.alert.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import io.panopticon.alert.outbound.OutboundPolicy.DeniedAddressException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The outbound address policy decides on addresses; nothing here is connected to. */
class OutboundPolicyTest {

	private final OutboundPolicy denyAll = new OutboundPolicy(List.of(), OutboundPolicyTest::literal);

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "127.1.2.3", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
			"169.254.169.254", "169.254.0.1", "100.64.0.1", "100.100.100.200", "0.0.0.0", "224.0.0.1",
			"255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd00:ec2::254", "::ffff:127.0.0.1",
			"::ffff:169.254.169.254", "::ffff:10.1.2.3" })
	void loopbackPrivateLinkLocalAndMetadataAddressesAreDenied(String address) throws Exception {
		assertThat(this.denyAll.allows(InetAddress.getByName(address))).isFalse();
		assertThatExceptionOfType(DeniedAddressException.class).isThrownBy(() -> this.denyAll.resolve(address))
			.withMessageContaining("panopticon.outbound.allowed-networks");
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "8.8.8.8", "1.1.1.1", "172.32.0.1", "192.169.0.1", "2001:4860:4860::8888", "::ffff:8.8.8.8" })
	void publicAddressesAreAllowed(String address) throws Exception {
		assertThat(this.denyAll.allows(InetAddress.getByName(address))).isTrue();
	}

	@Test
	void allowedNetworksOpenWhatTheyHoldAndNothingElse() throws Exception {
		OutboundPolicy local = new OutboundPolicy(List.of("127.0.0.0/8", "::1/128"), OutboundPolicyTest::literal);
		assertThat(local.allows(InetAddress.getByName("127.0.0.1"))).isTrue();
		assertThat(local.allows(InetAddress.getByName("::1"))).isTrue();
		assertThat(local.allows(InetAddress.getByName("::ffff:127.0.0.1"))).isTrue();
		assertThat(local.allows(InetAddress.getByName("10.0.0.1"))).isFalse();
		assertThat(local.allows(InetAddress.getByName("169.254.169.254"))).isFalse();
		OutboundPolicy subnet = new OutboundPolicy(List.of("10.1.0.0/16"), OutboundPolicyTest::literal);
		assertThat(subnet.allows(InetAddress.getByName("10.1.200.3"))).isTrue();
		assertThat(subnet.allows(InetAddress.getByName("10.2.0.1"))).isFalse();
	}

	@Test
	void theDecisionIsOnTheResolvedAddressesAndOnlyAllowedOnesAreReturned() throws Exception {
		Map<String, String[]> dns = Map.of("rebound.example", new String[] { "127.0.0.1" }, "mixed.example",
				new String[] { "10.0.0.5", "93.184.216.34" }, "metadata.example", new String[] { "169.254.169.254" });
		OutboundPolicy policy = new OutboundPolicy(List.of(), (host) -> dns.get(host) == null ? new InetAddress[0]
				: java.util.Arrays.stream(dns.get(host)).map(OutboundPolicyTest::parse).toArray(InetAddress[]::new));
		assertThatExceptionOfType(DeniedAddressException.class).isThrownBy(() -> policy.resolve("rebound.example"));
		assertThatExceptionOfType(DeniedAddressException.class).isThrownBy(() -> policy.resolve("metadata.example"));
		assertThat(policy.resolve("mixed.example")).extracting(InetAddress::getHostAddress)
			.containsExactly("93.184.216.34");
		assertThatExceptionOfType(UnknownHostException.class).isThrownBy(() -> policy.resolve("nowhere.example"))
			.isNotInstanceOf(DeniedAddressException.class);
	}

	@Test
	void settingsRefuseWhatIsNoBlock() {
		assertThat(new OutboundProperties(List.of("127.0.0.0/8", "::1/128", "10.0.0.1")).allowedNetworks()).hasSize(3);
		for (String bad : List.of("localhost", "127.0.0.0/33", "::1/129", "10.0.0.0/x", "", "10.0.0.0/8/8")) {
			assertThatIllegalArgumentException().isThrownBy(() -> new OutboundProperties(List.of(bad)))
				.withMessageContaining("panopticon.outbound.allowed-networks");
		}
	}

	private static InetAddress[] literal(String host) {
		return new InetAddress[] { parse(host) };
	}

	private static InetAddress parse(String literal) {
		try {
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

}
