package io.panopticon.errorstream.stomp;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * A WebSocket session that records what is sent to it and how it was closed; writes can
 * be held back to play a client that stopped reading.
 */
final class RecordingSession implements WebSocketSession {

	final BlockingQueue<String> sent = new LinkedBlockingQueue<>();

	volatile CloseStatus closeStatus;

	private final String id;

	private final Map<String, Object> attributes = new ConcurrentHashMap<>();

	private volatile CountDownLatch blocked = new CountDownLatch(0);

	RecordingSession(String id) {
		this.id = id;
	}

	/** Makes every write wait until {@link #release()}. */
	void block() {
		this.blocked = new CountDownLatch(1);
	}

	void release() {
		this.blocked.countDown();
	}

	/** The next frame sent, waiting up to 5 s. */
	String next() throws InterruptedException {
		return this.sent.poll(5, TimeUnit.SECONDS);
	}

	/** The next frame sent within a short while, or null: for "nothing more". */
	String nextSoon() throws InterruptedException {
		return this.sent.poll(500, TimeUnit.MILLISECONDS);
	}

	@Override
	public void sendMessage(WebSocketMessage<?> message) {
		try {
			this.blocked.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.sent.add(((TextMessage) message).getPayload());
	}

	@Override
	public String getId() {
		return this.id;
	}

	@Override
	public URI getUri() {
		return URI.create("ws://127.0.0.1/ws/error-logs");
	}

	@Override
	public HttpHeaders getHandshakeHeaders() {
		return new HttpHeaders();
	}

	@Override
	public Map<String, Object> getAttributes() {
		return this.attributes;
	}

	@Override
	public Principal getPrincipal() {
		return null;
	}

	@Override
	public InetSocketAddress getLocalAddress() {
		return null;
	}

	@Override
	public InetSocketAddress getRemoteAddress() {
		return null;
	}

	@Override
	public String getAcceptedProtocol() {
		return "v12.stomp";
	}

	@Override
	public void setTextMessageSizeLimit(int messageSizeLimit) {
	}

	@Override
	public int getTextMessageSizeLimit() {
		return 0;
	}

	@Override
	public void setBinaryMessageSizeLimit(int messageSizeLimit) {
	}

	@Override
	public int getBinaryMessageSizeLimit() {
		return 0;
	}

	@Override
	public List<WebSocketExtension> getExtensions() {
		return List.of();
	}

	@Override
	public boolean isOpen() {
		return this.closeStatus == null;
	}

	@Override
	public void close() {
		close(CloseStatus.NORMAL);
	}

	@Override
	public void close(CloseStatus status) {
		if (this.closeStatus == null) {
			this.closeStatus = status;
		}
	}

}
