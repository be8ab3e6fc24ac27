package io.panopticon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Finds TCP ports on the loopback interface that are free right now. Another process may
 * take a port between this check and its use, so callers retry on a bind failure.
 */
final class FreePorts {

	private FreePorts() {
	}

	/**
	 * Return {@code count} distinct ports that were free on 127.0.0.1 when checked.
	 * @param count how many ports
	 * @return the ports, in no particular order
	 */
	static int[] find(int count) {
		Set<Integer> ports = new LinkedHashSet<>();
		while (ports.size() < count) {
			ports.add(find());
		}
		return ports.stream().mapToInt(Integer::intValue).toArray();
	}

	/**
	 * Return one port that was free on 127.0.0.1 when checked.
	 * @return the port
	 */
	static int find() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port on the loopback interface", ex);
		}
	}

	/**
	 * Whether {@code port} can be bound on 127.0.0.1 right now.
	 * @param port the port
	 * @return true when it is free
	 */
	static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return socket.isBound();
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Whether something accepts connections on {@code port} of 127.0.0.1.
	 * @param port the port
	 * @return true when a connection could be made within a second
	 */
	static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
