package io.panopticon.ingest.receiver;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The errors receivers answer with, as exceptions the shared problem-details advice
 * renders (it renders every {@link ErrorResponseException} with its status, body and
 * headers).
 */
public final class ReceiverProblems {

	private ReceiverProblems() {
	}

	/**
	 * 413: the body, or what it decompresses to, is larger than allowed.
	 * @param maxBytes the limit
	 * @return the exception to throw
	 */
	public static ErrorResponseException tooLarge(long maxBytes) {
		return problem(HttpStatus.CONTENT_TOO_LARGE, "the request body is larger than " + maxBytes
				+ " bytes (after decompression); send smaller batches or raise panopticon.ingest.receiver.max-body-size");
	}

	/**
	 * 415: a content type or encoding the receiver does not read.
	 * @param detail what was sent and what is accepted
	 * @return the exception to throw
	 */
	public static ErrorResponseException unsupported(String detail) {
		return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, detail);
	}

	/**
	 * 503 with {@code Retry-After}: Kafka did not take the data; nothing the client did
	 * wrong, so it should send the same request again later.
	 * @param retryAfter when to retry
	 * @return the exception to throw
	 */
	public static ErrorResponseException unavailable(Duration retryAfter) {
		ErrorResponseException ex = problem(HttpStatus.SERVICE_UNAVAILABLE,
				"the telemetry could not be handed to Kafka; nothing was stored for sure, send it again later");
		ex.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
		return ex;
	}

	/**
	 * 400 naming every offending field, shaped like the shared advice's 400s.
	 * @param rejections what is wrong, each naming an item and its field
	 * @param noun what the items are, plural
	 * @return the exception to throw
	 */
	public static ErrorResponseException invalidItems(List<Rejection> rejections, String noun) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				new Outcome(0, rejections).summary(noun).replaceFirst("^\\d+ of \\d+ ", "invalid ")
						+ "; nothing was stored");
		problem.setProperty("invalid-params",
				rejections.stream().map((r) -> Map.of("name", r.item(), "reason", r.reason())).toList());
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

	private static ErrorResponseException problem(HttpStatus status, String detail) {
		return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
	}

}
