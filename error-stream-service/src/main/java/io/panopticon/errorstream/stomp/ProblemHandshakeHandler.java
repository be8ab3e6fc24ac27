package io.panopticon.errorstream.stomp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.panopticon.common.web.ProblemResponses;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * The WebSocket handshake, whose refusals are RFC 9457 problems like every other error of
 * the service: a plain GET of the endpoint (no {@code Upgrade: websocket}), a handshake
 * without {@code Connection: Upgrade}, or one of a WebSocket version the server does not
 * speak. Spring's own answers are plain text.
 */
class ProblemHandshakeHandler extends DefaultHandshakeHandler {

	@Override
	protected void handleInvalidUpgradeHeader(ServerHttpRequest request, ServerHttpResponse response)
			throws IOException {
		write(request, response, HttpStatus.BAD_REQUEST,
				"this is a WebSocket endpoint: connect with a STOMP client over WebSocket (Upgrade: websocket)");
	}

	@Override
	protected void handleInvalidConnectHeader(ServerHttpRequest request, ServerHttpResponse response)
			throws IOException {
		write(request, response, HttpStatus.BAD_REQUEST, "a WebSocket handshake needs the header Connection: Upgrade");
	}

	@Override
	protected void handleWebSocketVersionNotSupported(ServerHttpRequest request, ServerHttpResponse response) {
		// Sets 426 and Sec-WebSocket-Version, which names the versions spoken.
		super.handleWebSocketVersionNotSupported(request, response);
		try {
			write(request, response, HttpStatus.UPGRADE_REQUIRED,
					"this WebSocket version is not supported; see Sec-WebSocket-Version");
		}
		catch (IOException ex) {
			// The status and header are set; the body is a courtesy.
		}
	}

	private static void write(ServerHttpRequest request, ServerHttpResponse response, HttpStatus status, String detail)
			throws IOException {
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		response.getBody()
			.write(ProblemResponses.json(status.value(), detail, request.getURI().getPath())
				.getBytes(StandardCharsets.UTF_8));
	}

}
