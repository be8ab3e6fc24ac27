package io.panopticon.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class LocalServicesTest {

	@Test
	void redisCheckSendsPingAsRespArrayAndAcceptsPong() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			CompletableFuture<String> received = answerOnce(server, "+PONG\r\n");

			assertThatNoException()
				.isThrownBy(() -> LocalServices.checkRedis(new HostAndPort("127.0.0.1", server.getLocalPort()), "x"));
			assertThat(received.get()).isEqualTo("*1");
		}
	}

	@Test
	void redisCheckNamesTheReplyWhenItIsNotPong() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			answerOnce(server, "-NOAUTH Authentication required.\r\n");
			HostAndPort address = new HostAndPort("127.0.0.1", server.getLocalPort());

			assertThatIllegalStateException().isThrownBy(() -> LocalServices.checkRedis(address, "set X"))
				.withMessageContaining("-NOAUTH")
				.withMessageEndingWith("set X");
		}
	}

	@Test
	void redisCheckSaysWhatToDoWhenNothingListens() {
		HostAndPort address = new HostAndPort("127.0.0.1", FreePorts.find());

		assertThatIllegalStateException()
			.isThrownBy(() -> LocalServices.checkRedis(address, "or set PANOPTICON_TEST_REDIS=host:port"))
			.withMessageStartingWith("No Redis answers at " + address)
			.withMessageEndingWith("or set PANOPTICON_TEST_REDIS=host:port");
	}

	private static CompletableFuture<String> answerOnce(ServerSocket server, String reply) {
		return CompletableFuture.supplyAsync(() -> {
			try (Socket client = server.accept()) {
				String first = new BufferedReader(
						new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII))
					.readLine();
				client.getOutputStream().write(reply.getBytes(StandardCharsets.US_ASCII));
				return first;
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

}
