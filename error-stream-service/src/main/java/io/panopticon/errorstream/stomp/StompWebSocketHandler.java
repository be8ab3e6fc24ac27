package io.panopticon.errorstream.stomp;

import java.nio.ByteBuffer;
import java.util.List;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * The WebSocket edge of the error stream: STOMP 1.2 ({@code v12.stomp}) over plain
 * WebSocket, each connection a {@link ClientSession} of the {@link ErrorLogFanout}.
 */
public final class StompWebSocketHandler extends AbstractWebSocketHandler implements SubProtocolCapable {

	/**
	 * Tomcat's per-session limit for a blocking write; set to the send time limit so that
	 * a client that stopped reading frees its sender thread in time.
	 */
	static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

	private final ErrorLogFanout fanout;

	private final long sendTimeLimitMillis;

	/**
	 * @param fanout the sessions and their subscriptions
	 * @param settings the send time limit
	 */
	public StompWebSocketHandler(ErrorLogFanout fanout, SessionSettings settings) {
		this.fanout = fanout;
		this.sendTimeLimitMillis = Math.max(1, settings.sendTimeLimitNanos() / 1_000_000);
	}

	@Override
	public List<String> getSubProtocols() {
		return List.of("v12.stomp");
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		if (session instanceof NativeWebSocketSession nativeSession) {
			jakarta.websocket.Session standard = nativeSession.getNativeSession(jakarta.websocket.Session.class);
			if (standard != null) {
				standard.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, this.sendTimeLimitMillis);
			}
		}
		this.fanout.open(session);
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) {
		receive(session, ByteBuffer.wrap(message.asBytes()));
	}

	@Override
	protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
		receive(session, message.getPayload());
	}

	private void receive(WebSocketSession session, ByteBuffer payload) {
		ClientSession client = this.fanout.session(session);
		if (client != null) {
			client.receive(payload);
		}
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) {
		ClientSession client = this.fanout.session(session);
		if (client != null) {
			client.close(CloseStatus.SERVER_ERROR);
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		this.fanout.closed(session);
	}

}
