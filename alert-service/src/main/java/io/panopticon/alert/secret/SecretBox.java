package io.panopticon.alert.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets kept in PostgreSQL with AES-256-GCM under a key derived from
 * {@code PANOPTICON_SECRET_KEY}. A sealed value is {@code version (1) | nonce (12) |
 * ciphertext and tag}; a value sealed under another secret key, or altered, does not
 * open.
 */
@Component
public class SecretBox {

	static final int MIN_SECRET_LENGTH = 32;

	private static final byte VERSION = 1;

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKey key;

	private final SecureRandom random = new SecureRandom();

	@Autowired
	SecretBox(SecretProperties properties) {
		this(properties.secretKey());
	}

	/**
	 * @param secret the secret key text
	 * @throws IllegalStateException if it is missing or too short
	 */
	public SecretBox(String secret) {
		if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
			throw new IllegalStateException("PANOPTICON_SECRET_KEY (panopticon.secret-key) must be set to at least "
					+ MIN_SECRET_LENGTH + " characters of random text, for example: openssl rand -base64 32");
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
			this.key = new SecretKeySpec(digest, "AES");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("No SHA-256 in this JVM", ex);
		}
	}

	/**
	 * @param plain the secret to keep
	 * @return the sealed bytes
	 */
	public byte[] seal(byte[] plain) {
		byte[] nonce = new byte[NONCE_BYTES];
		this.random.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(new byte[] { VERSION });
			byte[] sealed = cipher.doFinal(plain);
			return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM failed", ex);
		}
	}

	/**
	 * @param sealed bytes from {@link #seal}
	 * @return the secret
	 * @throws IllegalStateException if the bytes were sealed under another key or altered
	 */
	public byte[] open(byte[] sealed) {
		if (sealed.length < 1 + NONCE_BYTES || sealed[0] != VERSION) {
			throw new IllegalStateException("not a sealed secret of this version");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
			cipher.updateAAD(new byte[] { VERSION });
			return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(
					"a stored secret does not open: PANOPTICON_SECRET_KEY differs from the one it was sealed with", ex);
		}
	}

}
