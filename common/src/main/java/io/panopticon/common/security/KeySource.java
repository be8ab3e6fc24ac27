package io.panopticon.common.security;

import java.io.IOException;
import java.security.PublicKey;
import java.util.Map;

/**
 * Where the public keys of {@code kid}-carrying tokens come from: alert-service's JWKS
 * over HTTP ({@link JwksClient}) in every other service, its own key table in
 * alert-service. Called only by {@link PublicKeyCache}, which decides how often.
 */
@FunctionalInterface
public interface KeySource {

	/**
	 * Reads every key that currently verifies tokens.
	 * @return the keys by their {@code kid}
	 * @throws IOException if the keys cannot be read now
	 */
	Map<String, PublicKey> keys() throws IOException;

}
