package io.panopticon.alert.outbound;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.List;

import io.panopticon.alert.outbound.OutboundPolicy.DeniedAddressException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Sockets from the factory connect only where the policy allows, to the checked address.
 */
class PolicySocketFactoryTest {

	@Test
	void loopbackIsRefusedUnlessAllowedAndANameConnectsToTheAddressTheResolverChecked() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			PolicySocketFactory denying = new PolicySocketFactory(
					new OutboundPolicy(List.of(), PolicySocketFactoryTest::loopback));
			try (Socket socket = denying.createSocket()) {
				assertThatExceptionOfType(DeniedAddressException.class)
					.isThrownBy(() -> socket.connect(new InetSocketAddress("127.0.0.1", server.getLocalPort()), 1000));
				assertThat(socket.isConnected()).isFalse();
			}
			assertThatExceptionOfType(DeniedAddressException.class)
				.isThrownBy(() -> denying.createSocket("smtp.example.test", server.getLocalPort()));

			PolicySocketFactory allowing = new PolicySocketFactory(
					new OutboundPolicy(List.of("127.0.0.0/8"), PolicySocketFactoryTest::loopback));
			// The name resolves, through the policy's resolver, to loopback only.
			try (Socket socket = allowing.createSocket("smtp.example.test", server.getLocalPort())) {
				assertThat(socket.isConnected()).isTrue();
				assertThat(socket.getInetAddress().getHostAddress()).isEqualTo("127.0.0.1");
			}
		}
	}

	private static InetAddress[] loopback(String host) {
		try {
			return new InetAddress[] { InetAddress.getByName("127.0.0.1") };
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
