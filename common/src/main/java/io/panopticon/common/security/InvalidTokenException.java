package io.panopticon.common.security;

/**
 * A bearer token that cannot be trusted: malformed, unsigned, signed by another key,
 * expired, or without a valid role. The message is safe to show to the caller; it never
 * contains the token.
 */
public class InvalidTokenException extends RuntimeException {

	public InvalidTokenException(String message) {
		super(message);
	}

	public InvalidTokenException(String message, Throwable cause) {
		super(message, cause);
	}

}
