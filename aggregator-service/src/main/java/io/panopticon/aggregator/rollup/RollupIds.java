package io.panopticon.aggregator.rollup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;

/**
 * Document ids of rollups and markers, derived from what they describe: hash(resolution,
 * kind, serviceName, environment, endpoint or callee, bucket start). A re-roll of a
 * bucket therefore writes the same ids and replaces the documents, and two instances
 * rolling up the same bucket write the same documents instead of adding to each other.
 * <p>
 * Built like {@code DocumentIds} of the span documents: the first 128 bits of a SHA-256
 * digest, base64url without padding (22 characters), over a tag ({@code rollup}) and the
 * fields, each as its UTF-8 bytes preceded by their length as a 4-byte big-endian
 * integer; an absent field is the length -1 with no bytes, so that "no environment"
 * differs from an empty one. The bucket start is written as its epoch milliseconds in
 * decimal. The algorithm is fixed: changing it would leave the documents of an older
 * version beside the new ones.
 */
public final class RollupIds {

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private static final int ID_BYTES = 16;

	private RollupIds() {
	}

	/**
	 * Returns the id of a rollup document.
	 * @param resolution its resolution
	 * @param key its key
	 * @param bucket its bucket start
	 * @return the document id
	 */
	public static String of(Resolution resolution, RollupKey key, Instant bucket) {
		String target = (key.kind() == RollupKind.EDGE) ? key.callee() : key.endpoint();
		return hash(resolution.label(), key.kind().label(), key.serviceName(), key.environment(), target,
				Long.toString(bucket.toEpochMilli()));
	}

	/**
	 * Returns the id of the marker of a bucket.
	 * @param resolution the resolution
	 * @param bucket the bucket start
	 * @return the document id
	 */
	public static String marker(Resolution resolution, Instant bucket) {
		return hash(resolution.label(), RollupKind.MARKER.label(), null, null, null,
				Long.toString(bucket.toEpochMilli()));
	}

	private static String hash(String... fields) {
		MessageDigest digest = sha256();
		update(digest, "rollup");
		for (String field : fields) {
			update(digest, field);
		}
		byte[] id = new byte[ID_BYTES];
		System.arraycopy(digest.digest(), 0, id, 0, ID_BYTES);
		return BASE64URL.encodeToString(id);
	}

	private static void update(MessageDigest digest, String field) {
		if (field == null) {
			digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(-1).array());
			return;
		}
		byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
		digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
		digest.update(bytes);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			// Every Java platform must provide SHA-256.
			throw new IllegalStateException(ex);
		}
	}

}
