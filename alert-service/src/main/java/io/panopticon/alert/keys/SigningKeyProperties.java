package io.panopticon.alert.keys;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first signing key ({@code panopticon.jwt.private-key}; environment
 * {@code PANOPTICON_JWT_PRIVATE_KEY}).
 *
 * @param privateKey an RSA private key, PKCS#8 PEM text ({@code -----BEGIN PRIVATE
 * KEY-----}) or the path of a file holding it; used as the first signing key when the key
 * table is empty (the local stack passes the key it mints its own tokens with, so those
 * and alert-service's first tokens verify with one public key). Without it the first key
 * is generated.
 */
@ConfigurationProperties("panopticon.jwt")
record SigningKeyProperties(String privateKey) {
}
