package io.panopticon.common.security;

import java.util.Optional;

/**
 * Checks an opaque API key ({@code pk_...}): over HTTP with alert-service's
 * {@code POST /api/auth/introspect} ({@link IntrospectionClient}) in every other service,
 * in its own key table in alert-service.
 */
@FunctionalInterface
public interface ApiKeyIntrospector {

	/** The prefix every API key starts with; a bearer token without it is a JWT. */
	String PREFIX = "pk_";

	/**
	 * @param apiKey the key as the caller sent it
	 * @return what the key grants, or empty if it is unknown, revoked or expired
	 * @throws InvalidTokenException if the key cannot be checked now
	 */
	Optional<VerifiedToken> introspect(String apiKey);

}
