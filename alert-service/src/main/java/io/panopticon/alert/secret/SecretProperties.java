package io.panopticon.alert.secret;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The service's secret ({@code panopticon.secret-key}; environment
 * {@code PANOPTICON_SECRET_KEY}).
 *
 * @param secretKey at least 32 characters of random text; the AES-256 key that encrypts
 * the signing keys (and notification channel secrets) in PostgreSQL is its SHA-256.
 * Changing it makes the stored keys unreadable.
 */
@ConfigurationProperties("panopticon")
record SecretProperties(String secretKey) {
}
