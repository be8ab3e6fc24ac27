package io.panopticon.alert.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Panopticon-Signature} of generic webhooks: {@code sha256=} and the
 * lower-case hex HMAC-SHA256, keyed with the channel's signing secret (its UTF-8 bytes),
 * of the {@code X-Panopticon-Timestamp} value, a full stop, and the raw body bytes.
 */
public final class WebhookSignature {

	/** What the signature starts with. */
	public static final String PREFIX = "sha256=";

	private WebhookSignature() {
	}

	/**
	 * @param secret the channel's signing secret
	 * @param timestamp the {@code X-Panopticon-Timestamp} value (Unix seconds)
	 * @param body the body bytes as sent
	 * @return the header value
	 */
	public static String sign(String secret, String timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
			mac.update((byte) '.');
			return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("No HmacSHA256 in this JVM", ex);
		}
	}

}
