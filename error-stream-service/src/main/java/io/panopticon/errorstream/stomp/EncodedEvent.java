package io.panopticon.errorstream.stomp;

import io.panopticon.errorstream.log.ErrorLog;
import io.panopticon.errorstream.log.ErrorLogJson;

/**
 * An error log with its message body, encoded once for all subscribers.
 *
 * @param log the error log
 * @param body the JSON body
 * @param bodyLength the body's length in UTF-8 bytes
 */
record EncodedEvent(ErrorLog log, String body, int bodyLength) {

	static EncodedEvent of(ErrorLog log) {
		String body = ErrorLogJson.body(log);
		return new EncodedEvent(log, body, ErrorLogJson.utf8Length(body));
	}

}
