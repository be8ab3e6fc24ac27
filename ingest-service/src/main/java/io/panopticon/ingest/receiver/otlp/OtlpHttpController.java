package io.panopticon.ingest.receiver.otlp;

import java.util.Locale;

import com.google.protobuf.Message;
import jakarta.servlet.http.HttpServletRequest;

import io.panopticon.ingest.receiver.PublishFailedException;
import io.panopticon.ingest.receiver.ReceiverProblems;
import io.panopticon.ingest.receiver.ReceiverProperties;
import io.panopticon.ingest.receiver.RequestBodies;
import io.panopticon.ingest.receiver.UnavailableLog;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * OTLP/HTTP: {@code POST /v1/traces} and {@code POST /v1/logs}, binary protobuf
 * ({@code application/x-protobuf}) or OTLP/JSON ({@code application/json}), optionally
 * gzip-compressed. The answer is the OTLP export response in the request's encoding, sent
 * once Kafka acknowledged the data; it carries a partial success when items were
 * rejected. Undecodable bodies are answered 400, oversized ones 413, and a Kafka outage
 * 503 with {@code Retry-After}, all as problem details.
 */
@RestController
class OtlpHttpController {

	static final String PROTOBUF = "application/x-protobuf";

	private final OtlpExports exports;

	private final ReceiverProperties properties;

	private final UnavailableLog unavailable;

	OtlpHttpController(OtlpExports exports, ReceiverProperties properties, UnavailableLog unavailable) {
		this.exports = exports;
		this.properties = properties;
		this.unavailable = unavailable;
	}

	@PostMapping("/v1/traces")
	ResponseEntity<byte[]> traces(HttpServletRequest request) {
		boolean json = isJson(request);
		byte[] body = RequestBodies.read(request, (int) this.properties.maxBodySize().toBytes());
		var export = json ? OtlpJson.traces(body) : OtlpExports.parseTraces(body);
		try {
			return respond(this.exports.traces(export, "otlp-http"), json);
		}
		catch (PublishFailedException ex) {
			this.unavailable.log("otlp-http", ex);
			throw ReceiverProblems.unavailable(this.properties.retryAfter());
		}
	}

	@PostMapping("/v1/logs")
	ResponseEntity<byte[]> logs(HttpServletRequest request) {
		boolean json = isJson(request);
		byte[] body = RequestBodies.read(request, (int) this.properties.maxBodySize().toBytes());
		var export = json ? OtlpJson.logs(body) : OtlpExports.parseLogs(body);
		try {
			return respond(this.exports.logs(export, "otlp-http"), json);
		}
		catch (PublishFailedException ex) {
			this.unavailable.log("otlp-http", ex);
			throw ReceiverProblems.unavailable(this.properties.retryAfter());
		}
	}

	private static boolean isJson(HttpServletRequest request) {
		String contentType = request.getContentType();
		String type = (contentType != null) ? contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT) : "";
		return switch (type) {
			case PROTOBUF, "application/protobuf" -> false;
			case "application/json" -> true;
			default -> throw ReceiverProblems.unsupported(
					"Content-Type '" + contentType + "' is not OTLP; send application/x-protobuf or application/json");
		};
	}

	private static ResponseEntity<byte[]> respond(Message response, boolean json) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_TYPE, json ? MediaType.APPLICATION_JSON_VALUE : PROTOBUF)
			.body(json ? OtlpJson.write(response) : response.toByteArray());
	}

}
