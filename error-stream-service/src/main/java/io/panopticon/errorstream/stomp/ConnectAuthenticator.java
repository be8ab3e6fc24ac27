package io.panopticon.errorstream.stomp;

import java.time.Instant;

import io.panopticon.common.security.InvalidTokenException;
import io.panopticon.common.security.JwtVerifier;
import io.panopticon.common.security.Role;
import io.panopticon.common.security.VerifiedToken;

/**
 * Decides whether a STOMP CONNECT may open a session: its {@code Authorization: Bearer}
 * header must carry a valid token with the viewer role or above, unless reads are public
 * ({@code panopticon.security.public-read}). As on the HTTP side, a token that is present
 * but cannot be trusted is refused even when reads are public.
 */
public final class ConnectAuthenticator {

	private static final String BEARER = "bearer ";

	private final JwtVerifier verifier;

	private final boolean publicRead;

	/**
	 * @param verifier verifies tokens
	 * @param publicRead whether a CONNECT without a token is allowed
	 */
	public ConnectAuthenticator(JwtVerifier verifier, boolean publicRead) {
		this.verifier = verifier;
		this.publicRead = publicRead;
	}

	/**
	 * Checks a CONNECT frame's authorization header.
	 * @param authorization the header value, or {@code null} when absent
	 * @return who connects
	 * @throws Refused if the connection must be refused; the message is safe to send to
	 * the client
	 */
	Access authenticate(String authorization) {
		if (authorization == null || authorization.isBlank()) {
			if (this.publicRead) {
				return new Access("anonymous", null);
			}
			throw new Refused("unauthenticated",
					"a viewer token is required: send 'Authorization: Bearer <token>' in the CONNECT frame");
		}
		if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			throw new Refused("invalid_token", "only 'Authorization: Bearer <token>' is accepted");
		}
		VerifiedToken token;
		try {
			token = this.verifier.verify(authorization.substring(BEARER.length()));
		}
		catch (InvalidTokenException ex) {
			throw new Refused("invalid_token", ex.getMessage());
		}
		if (!token.role().included().contains(Role.VIEWER)) {
			throw new Refused("forbidden", "the token's role does not allow reading error logs");
		}
		return new Access((token.subject() != null) ? token.subject() : token.role().claimValue(), token.expiresAt());
	}

	/**
	 * Who a session belongs to.
	 *
	 * @param principal the token's subject, or {@code anonymous}
	 * @param expiresAt when the token expires and the session is closed; {@code null} for
	 * an anonymous session
	 */
	record Access(String principal, Instant expiresAt) {
	}

	/** A refused CONNECT. */
	static final class Refused extends RuntimeException {

		private final String reason;

		Refused(String reason, String message) {
			super(message);
			this.reason = reason;
		}

		/**
		 * A short reason for the metrics: unauthenticated, invalid_token or forbidden.
		 */
		String reason() {
			return this.reason;
		}

	}

}
