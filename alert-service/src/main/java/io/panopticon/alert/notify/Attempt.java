package io.panopticon.alert.notify;

import java.time.Duration;

/**
 * What came of one attempt to send a message.
 *
 * @param outcome {@link #DELIVERED}, {@link #RETRY} or {@link #FAILED}
 * @param statusCode the receiver's HTTP status, or null (e-mail, no answer)
 * @param error what went wrong, or null
 * @param retryAfter the receiver's {@code Retry-After}, or null
 */
record Attempt(String outcome, Integer statusCode, String error, Duration retryAfter) {

	/** The receiver took the message. */
	static final String DELIVERED = "delivered";

	/** Worth another attempt: 5xx, 429, a timeout or a broken connection. */
	static final String RETRY = "retry";

	/** No attempt would do better: another 4xx, a denied address, a bad channel. */
	static final String FAILED = "failed";

	static Attempt delivered(Integer statusCode) {
		return new Attempt(DELIVERED, statusCode, null, null);
	}

	static Attempt retry(Integer statusCode, String error, Duration retryAfter) {
		return new Attempt(RETRY, statusCode, error, retryAfter);
	}

	static Attempt failed(Integer statusCode, String error) {
		return new Attempt(FAILED, statusCode, error, null);
	}

}
