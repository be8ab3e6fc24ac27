package io.panopticon.ingest.receiver.zipkin;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import zipkin2.codec.SpanBytesDecoder;

import io.panopticon.common.web.InvalidParameterException;
import io.panopticon.ingest.receiver.Intake;
import io.panopticon.ingest.receiver.Outcome;
import io.panopticon.ingest.receiver.PublishFailedException;
import io.panopticon.ingest.receiver.ReceiverProblems;
import io.panopticon.ingest.receiver.ReceiverProperties;
import io.panopticon.ingest.receiver.RequestBodies;
import io.panopticon.ingest.receiver.UnavailableLog;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Zipkin's collector API: {@code POST /api/v2/spans} with a JSON v2 list
 * ({@code application/json}, also the default) or a proto3 {@code ListOfSpans}
 * ({@code application/x-protobuf}), optionally gzip-compressed; answered 202 once Kafka
 * acknowledged the spans.
 * <p>
 * Zipkin has no partial success: a request with any span our model refuses is answered
 * 400 naming every such span and field, and nothing of it is stored, so a client never
 * takes a partial store for success.
 */
@RestController
class ZipkinController {

	private final Intake intake;

	private final ReceiverProperties properties;

	private final UnavailableLog unavailable;

	ZipkinController(Intake intake, ReceiverProperties properties, UnavailableLog unavailable) {
		this.intake = intake;
		this.properties = properties;
		this.unavailable = unavailable;
	}

	@PostMapping("/api/v2/spans")
	ResponseEntity<Void> spans(HttpServletRequest request) {
		SpanBytesDecoder decoder = decoder(request.getContentType());
		byte[] body = RequestBodies.read(request, (int) this.properties.maxBodySize().toBytes());
		List<zipkin2.Span> spans;
		try {
			spans = decoder.decodeList(body);
		}
		catch (RuntimeException ex) {
			throw new InvalidParameterException("$",
					"is not a Zipkin "
							+ ((decoder == SpanBytesDecoder.PROTO3) ? "proto3 ListOfSpans" : "JSON v2 span list") + ": "
							+ ex.getMessage());
		}
		Outcome outcome;
		try {
			outcome = this.intake.spansOrNone("zipkin", ZipkinSpans.convert(spans));
		}
		catch (PublishFailedException ex) {
			this.unavailable.log("zipkin", ex);
			throw ReceiverProblems.unavailable(this.properties.retryAfter());
		}
		if (outcome.rejected() > 0) {
			throw ReceiverProblems.invalidItems(outcome.rejections(), "spans");
		}
		return ResponseEntity.accepted().build();
	}

	private static SpanBytesDecoder decoder(String contentType) {
		String type = (contentType != null) ? contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT) : "";
		return switch (type) {
			case "", "application/json" -> SpanBytesDecoder.JSON_V2;
			case "application/x-protobuf", "application/protobuf" -> SpanBytesDecoder.PROTO3;
			default -> throw ReceiverProblems.unsupported("Content-Type '" + contentType
					+ "' is not a Zipkin v2 encoding; send application/json or application/x-protobuf");
		};
	}

}
