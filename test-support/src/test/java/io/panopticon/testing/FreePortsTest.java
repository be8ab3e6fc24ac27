package io.panopticon.testing;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTest {

	@Test
	void findsAPortThatCanBeBound() throws Exception {
		int port = FreePorts.find();

		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			assertThat(socket.getLocalPort()).isEqualTo(port);
		}
	}

	@Test
	void findsDistinctPorts() {
		int[] ports = FreePorts.find(5);

		assertThat(ports).hasSize(5);
		assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(5);
		assertThat(Arrays.stream(ports).allMatch((port) -> port > 0 && port < 65536)).isTrue();
	}

	@Test
	void aListeningPortIsNotFreeAndAcceptsConnectionsUntilClosed() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();

			assertThat(FreePorts.isFree(port)).isFalse();
			assertThat(FreePorts.accepts(port)).isTrue();
		}

		assertThat(FreePorts.isFree(port)).isTrue();
		assertThat(FreePorts.accepts(port)).isFalse();
	}

}
