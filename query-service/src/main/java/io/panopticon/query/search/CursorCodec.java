package io.panopticon.query.search;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.panopticon.common.web.InvalidParameterException;

/**
 * Turns cursors into the opaque text clients get and back: base64url (no padding) of the
 * cursor's JSON, a dot, and base64url of its HMAC-SHA256. A cursor carries the time
 * window a search runs over, so one a client made up or changed could ask for any window;
 * the signature refuses every cursor this service did not issue, and the window of one it
 * did issue is checked again on use ({@link Cursor#fromJson}), as the maximum range may
 * have been lowered since. Thread-safe.
 */
public final class CursorCodec {

	private static final String ALGORITHM = "HmacSHA256";

	/** Far longer than any cursor issued, which holds a few sort values. */
	private static final int MAX_LENGTH = 4096;

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private final SecretKeySpec key;

	private final Duration maxRange;

	/**
	 * @param key the HMAC key, at least {@value CursorProperties#MIN_KEY_BYTES} bytes
	 * @param maxRange the longest window a cursor may carry
	 */
	public CursorCodec(byte[] key, Duration maxRange) {
		if (key.length < CursorProperties.MIN_KEY_BYTES) {
			throw new IllegalArgumentException("a cursor key needs " + CursorProperties.MIN_KEY_BYTES + " bytes");
		}
		this.key = new SecretKeySpec(key.clone(), ALGORITHM);
		this.maxRange = Objects.requireNonNull(maxRange, "maxRange");
	}

	/**
	 * Returns a codec with the configured key, or a random one.
	 * @param properties the key setting
	 * @param maxRange the longest window a cursor may carry
	 * @return the codec
	 */
	public static CursorCodec of(CursorProperties properties, Duration maxRange) {
		if (properties.hasKey()) {
			return new CursorCodec(properties.key().getBytes(StandardCharsets.UTF_8), maxRange);
		}
		byte[] random = new byte[CursorProperties.MIN_KEY_BYTES];
		new SecureRandom().nextBytes(random);
		return new CursorCodec(random, maxRange);
	}

	/**
	 * Returns a cursor's text.
	 * @param cursor the cursor
	 * @return the signed text
	 */
	public String encode(Cursor cursor) {
		byte[] payload = cursor.toJson().getBytes(StandardCharsets.UTF_8);
		return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
	}

	/**
	 * Reads a cursor a client sent back.
	 * @param text the {@code cursor} parameter
	 * @param search the search being asked for
	 * @param sort the sort being asked for, such as {@code startTime:desc}
	 * @param criteria the sort criteria of that search, which the values must fit
	 * @return the cursor
	 * @throws InvalidParameterException naming {@code cursor} if the text is not a cursor
	 * this service signed, belongs to another search or sort, or carries a window that is
	 * not valid now
	 */
	public Cursor decode(String text, String search, String sort, List<Sort> criteria) {
		String trimmed = text.trim();
		if (trimmed.length() > MAX_LENGTH) {
			throw Cursor.invalid("it is too long");
		}
		int dot = trimmed.indexOf('.');
		if (dot < 0 || trimmed.indexOf('.', dot + 1) >= 0) {
			throw Cursor.invalid(Cursor.NOT_ISSUED);
		}
		byte[] payload;
		byte[] signature;
		try {
			payload = Base64.getUrlDecoder().decode(trimmed.substring(0, dot));
			signature = Base64.getUrlDecoder().decode(trimmed.substring(dot + 1));
		}
		catch (IllegalArgumentException ex) {
			throw Cursor.invalid(Cursor.NOT_ISSUED);
		}
		// Compared in constant time, so that the answer's timing tells nothing about
		// how much of a forged signature was right.
		if (!MessageDigest.isEqual(mac(payload), signature)) {
			throw Cursor.invalid(Cursor.NOT_ISSUED);
		}
		return Cursor.fromJson(payload, search, sort, criteria, this.maxRange);
	}

	private byte[] mac(byte[] payload) {
		try {
			// A Mac is not thread-safe, and one is cheap to make.
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			return mac.doFinal(payload);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

}
