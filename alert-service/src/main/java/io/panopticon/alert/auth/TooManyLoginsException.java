package io.panopticon.alert.auth;

import java.time.Duration;

/** Too many failed logins for a user name or client address; answered 429. */
class TooManyLoginsException extends RuntimeException {

	private final Duration retryAfter;

	TooManyLoginsException(Duration retryAfter) {
		super("too many failed logins; try again in " + retryAfter.toSeconds() + " s");
		this.retryAfter = retryAfter;
	}

	Duration retryAfter() {
		return this.retryAfter;
	}

}
