package io.panopticon.alert.outbound;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;

import javax.net.SocketFactory;

/**
 * Plain sockets that connect only where the {@link OutboundPolicy} allows, to the address
 * it checked (for clients such as Jakarta Mail that take a socket factory). A TLS layer
 * put on top later (STARTTLS) still verifies the host name the caller asked for.
 */
public final class PolicySocketFactory extends SocketFactory {

	private final OutboundPolicy policy;

	/**
	 * @param policy the policy connections must pass
	 */
	public PolicySocketFactory(OutboundPolicy policy) {
		this.policy = policy;
	}

	@Override
	public Socket createSocket() {
		return new PolicySocket(this.policy);
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		Socket socket = createSocket();
		socket.connect(InetSocketAddress.createUnresolved(host, port));
		return socket;
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		Socket socket = createSocket();
		socket.bind(new InetSocketAddress(localHost, localPort));
		socket.connect(InetSocketAddress.createUnresolved(host, port));
		return socket;
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		Socket socket = createSocket();
		socket.connect(new InetSocketAddress(host, port));
		return socket;
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		Socket socket = createSocket();
		socket.bind(new InetSocketAddress(localAddress, localPort));
		socket.connect(new InetSocketAddress(address, port));
		return socket;
	}

	/** A socket whose every connect goes through the policy. */
	private static final class PolicySocket extends Socket {

		private final OutboundPolicy policy;

		PolicySocket(OutboundPolicy policy) {
			this.policy = policy;
		}

		@Override
		public void connect(SocketAddress endpoint, int timeout) throws IOException {
			if (!(endpoint instanceof InetSocketAddress address)) {
				throw new IOException("not an internet address: " + endpoint);
			}
			// The name as given, resolved again by the policy: the address connected to
			// is
			// the one checked, whatever the caller's own lookup found.
			InetAddress allowed = this.policy.resolve(address.getHostString())[0];
			super.connect(new InetSocketAddress(allowed, address.getPort()), timeout);
		}

	}

}
