package io.panopticon.errorstream.stomp;

import java.util.Map;

import io.panopticon.errorstream.log.ErrorLogJson;

/**
 * Writes the STOMP 1.2 frames the server sends, as text: the command, one
 * {@code name:value} line per header, a blank line, the body and a NUL. Header names and
 * values are escaped as STOMP 1.2 asks ({@code \\}, {@code \n}, {@code \r}, {@code \c}),
 * except in CONNECTED frames, which the specification leaves unescaped. Thread-safe; all
 * methods are static.
 */
final class StompFrames {

	/** A heart-beat: a lone end of line. */
	static final String HEARTBEAT = "\n";

	private StompFrames() {
	}

	/**
	 * A frame without a body.
	 * @param command the command, for example {@code RECEIPT}
	 * @param headers the headers, in the order given
	 * @return the frame
	 */
	static String frame(String command, Map<String, String> headers) {
		return frame(command, headers, null, null);
	}

	/**
	 * A frame with a body; {@code content-length} is added.
	 * @param command the command
	 * @param headers the headers, in the order given
	 * @param contentType the body's content type, or {@code null} for none
	 * @param body the body, or {@code null} for none
	 * @return the frame
	 */
	static String frame(String command, Map<String, String> headers, String contentType, String body) {
		boolean escape = !"CONNECTED".equals(command);
		StringBuilder frame = new StringBuilder(64 + ((body != null) ? body.length() : 0));
		frame.append(command).append('\n');
		headers.forEach((name, value) -> header(frame, name, value, escape));
		if (body != null) {
			if (contentType != null) {
				header(frame, "content-type", contentType, escape);
			}
			header(frame, "content-length", Integer.toString(ErrorLogJson.utf8Length(body)), escape);
		}
		frame.append('\n');
		if (body != null) {
			frame.append(body);
		}
		return frame.append('\0').toString();
	}

	/**
	 * A MESSAGE frame of a JSON body; written by hand because it is the one frame sent
	 * per event and subscriber.
	 * @param destination the subscription's destination
	 * @param subscription the subscription id
	 * @param messageId the message id, unique in the session
	 * @param json the body
	 * @param jsonLength the body's length in UTF-8 bytes
	 * @return the frame
	 */
	static String message(String destination, String subscription, String messageId, String json, int jsonLength) {
		StringBuilder frame = new StringBuilder(160 + json.length());
		frame.append("MESSAGE\n");
		header(frame, "destination", destination, true);
		header(frame, "subscription", subscription, true);
		header(frame, "message-id", messageId, true);
		frame.append("content-type:application/json\n");
		frame.append("content-length:").append(jsonLength).append("\n\n");
		return frame.append(json).append('\0').toString();
	}

	private static void header(StringBuilder frame, String name, String value, boolean escape) {
		if (escape) {
			escape(frame, name);
			frame.append(':');
			escape(frame, value);
		}
		else {
			frame.append(name).append(':').append(value);
		}
		frame.append('\n');
	}

	private static void escape(StringBuilder frame, String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\\' -> frame.append("\\\\");
				case '\n' -> frame.append("\\n");
				case '\r' -> frame.append("\\r");
				case ':' -> frame.append("\\c");
				default -> frame.append(c);
			}
		}
	}

}
