package io.panopticon.errorstream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A WebSocket client written against the socket, for what a library client hides: the
 * handshake's HTTP status (origin checks), and a client that stops reading while the
 * server keeps sending (its receive buffer is kept small, so the server's writes block
 * soon).
 */
final class RawWebSocket implements AutoCloseable {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private final int status;

	private int closeCode = -1;

	private RawWebSocket(Socket socket, int status) throws IOException {
		this.socket = socket;
		this.in = socket.getInputStream();
		this.out = socket.getOutputStream();
		this.status = status;
	}

	/**
	 * Sends a WebSocket handshake for STOMP and reads the answer's status line and
	 * headers.
	 * @param port the service's port
	 * @param origin the Origin header, or {@code null}
	 * @param receiveBuffer the socket's receive buffer in bytes, or 0 for the default
	 * @return the connection; {@link #status()} tells whether it was upgraded (101)
	 */
	static RawWebSocket open(int port, String origin, int receiveBuffer) throws IOException {
		Socket socket = new Socket();
		if (receiveBuffer > 0) {
			socket.setReceiveBufferSize(receiveBuffer);
		}
		socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		socket.setSoTimeout(30_000);
		byte[] key = new byte[16];
		RANDOM.nextBytes(key);
		String request = "GET /ws/error-logs HTTP/1.1\r\nHost: 127.0.0.1:" + port
				+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
				+ Base64.getEncoder().encodeToString(key)
				+ "\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: v12.stomp\r\n"
				+ ((origin != null) ? "Origin: " + origin + "\r\n" : "") + "\r\n";
		socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
		InputStream in = socket.getInputStream();
		String statusLine = readLine(in);
		String header;
		do {
			header = readLine(in);
		}
		while (!header.isEmpty());
		int status = Integer.parseInt(statusLine.split(" ")[1]);
		return new RawWebSocket(socket, status);
	}

	int status() {
		return this.status;
	}

	/**
	 * The status code of the server's close frame, once {@link #readMessage()} met it.
	 * @return the code, or -1 before a close frame
	 */
	int closeCode() {
		return this.closeCode;
	}

	/** Sends a STOMP frame as a masked text message. */
	void sendFrame(String frame) throws IOException {
		byte[] payload = frame.getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream message = new ByteArrayOutputStream();
		message.write(0x81);
		if (payload.length < 126) {
			message.write(0x80 | payload.length);
		}
		else {
			message.write(0x80 | 126);
			message.write(payload.length >>> 8);
			message.write(payload.length & 0xff);
		}
		byte[] mask = new byte[4];
		RANDOM.nextBytes(mask);
		message.write(mask);
		for (int i = 0; i < payload.length; i++) {
			message.write(payload[i] ^ mask[i % 4]);
		}
		this.out.write(message.toByteArray());
		this.out.flush();
	}

	/**
	 * Reads the payload of the next text message (a STOMP frame), skipping others.
	 * @return the payload, or {@code null} at a close frame or the end of the stream
	 */
	String readMessage() throws IOException {
		while (true) {
			int first = this.in.read();
			if (first < 0) {
				return null;
			}
			int second = this.in.read();
			long length = second & 0x7f;
			if (length == 126) {
				length = (this.in.read() << 8) | this.in.read();
			}
			else if (length == 127) {
				length = 0;
				for (int i = 0; i < 8; i++) {
					length = (length << 8) | this.in.read();
				}
			}
			byte[] payload = this.in.readNBytes((int) length);
			int opcode = first & 0x0f;
			if (opcode == 0x8) {
				this.closeCode = (payload.length >= 2) ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
				return null;
			}
			if (opcode == 0x1) {
				return new String(payload, StandardCharsets.UTF_8);
			}
		}
	}

	/**
	 * Reads whatever arrives until the server ends the connection.
	 * @return whether it ended (rather than the read timing out)
	 */
	boolean drainUntilClosed() {
		byte[] buffer = new byte[64 * 1024];
		try {
			while (this.in.read(buffer) >= 0) {
				// discard
			}
			return true;
		}
		catch (java.net.SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			// Reset by the server: ended too.
			return true;
		}
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = in.read()) >= 0 && c != '\n') {
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
