package io.panopticon.ingest.receiver.otlp;

import java.util.Map;

import io.panopticon.common.telemetry.Span;
import io.panopticon.common.telemetry.SpanKind;

import static io.panopticon.ingest.receiver.otlp.OtlpValues.text;

/**
 * Our span fields from OpenTelemetry semantic-convention attributes, current and older
 * names alike (the older ones are still sent by many instrumentations).
 */
final class HttpConventions {

	private HttpConventions() {
	}

	/** {@code http.request.method}, else {@code http.method}. */
	static String method(Map<String, Object> attributes) {
		String method = text(attributes.get("http.request.method"));
		return (method != null) ? method : text(attributes.get("http.method"));
	}

	/**
	 * {@code http.response.status_code}, else {@code http.status_code}; an integer or
	 * text holding one.
	 * @throws IllegalArgumentException if it is outside 100–599, our model's rule
	 */
	static Integer statusCode(Map<String, Object> attributes) {
		String name = "http.response.status_code";
		Object value = attributes.get(name);
		if (value == null) {
			name = "http.status_code";
			value = attributes.get(name);
		}
		Long code = null;
		if (value instanceof Long number) {
			code = number;
		}
		else if (value instanceof String text && text.matches("\\d{1,9}")) {
			code = Long.parseLong(text);
		}
		if (code == null) {
			return null;
		}
		if (code < Span.MIN_HTTP_STATUS || code > Span.MAX_HTTP_STATUS) {
			throw new IllegalArgumentException(
					name + " must be between " + Span.MIN_HTTP_STATUS + " and " + Span.MAX_HTTP_STATUS + ": " + code);
		}
		return code.intValue();
	}

	/**
	 * The remote side of a span: {@code peer.service} when the instrumentation named it;
	 * for client and producer spans also {@code db.system} (a database is a node of the
	 * service map under its system's name), {@code messaging.system}, then
	 * {@code server.address} and the older {@code net.peer.name}. A server span's
	 * {@code server.address} is its own host, not a peer, so it is not used there.
	 */
	static String peer(SpanKind kind, Map<String, Object> attributes) {
		String peer = text(attributes.get("peer.service"));
		if (peer != null || (kind != SpanKind.CLIENT && kind != SpanKind.PRODUCER)) {
			return peer;
		}
		for (String key : new String[] { "db.system.name", "db.system", "messaging.system", "server.address",
				"net.peer.name" }) {
			peer = text(attributes.get(key));
			if (peer != null) {
				return peer;
			}
		}
		return null;
	}

}
