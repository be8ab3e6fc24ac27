package io.panopticon.alert.keys;

import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;

/**
 * A token signing key.
 *
 * @param kid its id, the RFC 7638 thumbprint of the public key
 * @param privateKey signs
 * @param publicKey verifies
 * @param createdAt when it was made current
 */
public record SigningKey(String kid, RSAPrivateKey privateKey, RSAPublicKey publicKey, Instant createdAt) {
}
