package io.panopticon.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

import io.panopticon.common.telemetry.Span;
import io.panopticon.common.telemetry.SpanKind;

/**
 * Elasticsearch document ids derived from content, so that a replayed record is written
 * with the same id and rejected as a duplicate ({@code op_type=create} answers 409)
 * instead of being stored twice.
 * <p>
 * The id is the first 128 bits of a SHA-256 digest, in base64url without padding (22
 * characters). The digest input is a tag ({@code span} or {@code log}) followed by the
 * fields, each written as its UTF-8 bytes preceded by their length as a 4-byte big-endian
 * integer; numbers are written as decimal strings. The length prefixes keep the fields
 * apart (no {@code ("ab", "c")} vs {@code ("a", "bc")} collision), and 128 bits make an
 * accidental collision negligible at any realistic volume. The algorithm is fixed:
 * changing it would make replays of already indexed data create duplicates.
 */
public final class DocumentIds {

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private static final int ID_BYTES = 16;

	/** The longest document id of a log event that ingest takes from its producer. */
	public static final int MAX_GIVEN_ID_LENGTH = 64;

	// One per thread: ids are hashed once per ingested item, and getInstance looks the
	// algorithm up among the providers every time.
	private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(DocumentIds::sha256);

	private DocumentIds() {
	}

	/**
	 * Returns the document id of a span: hash(traceId, spanId, kind). The kind is part of
	 * it because Zipkin-style clients give the client span and the server span of one
	 * call the same span id.
	 * @param span the span
	 * @return the document id
	 */
	public static String spanId(Span span) {
		return spanId(span.traceId(), span.spanId(), span.kind());
	}

	/**
	 * Returns the document id of a span from its identifying fields. The ids are
	 * lower-cased first, so that an id matches whatever case the producer used.
	 * @param traceId the trace id
	 * @param spanId the span id
	 * @param kind the span kind
	 * @return the document id
	 */
	public static String spanId(String traceId, String spanId, SpanKind kind) {
		Objects.requireNonNull(kind, "kind");
		return hash("span", traceId.toLowerCase(Locale.ROOT), spanId.toLowerCase(Locale.ROOT), kind.name());
	}

	/**
	 * Returns the document id of a log event: hash(source topic, partition, offset,
	 * position in the record). Log events have no id of their own, and two identical
	 * lines are still two events; the Kafka coordinates tell them apart and stay the same
	 * on a replay.
	 * @param topic the topic the record was read from
	 * @param partition the partition
	 * @param offset the offset of the record
	 * @param position the index of the event in the record value (0 for a single object)
	 * @return the document id
	 */
	public static String logId(String topic, int partition, long offset, int position) {
		return hash("log", Objects.requireNonNull(topic, "topic"), Integer.toString(partition), Long.toString(offset),
				Integer.toString(position));
	}

	/**
	 * Returns the content id of a log event: {@code hash("log-event", json)}, the event's
	 * Kafka JSON as one field. The JSON holds everything the event says (service,
	 * environment, level, timestamp, trace and span id, message and attributes), so the
	 * same event converted again, as from a client's retry of the same request, has the
	 * same id. The receivers send it in the header {@code panopticon.event-id}, and
	 * ingest uses it instead of {@link #logId}.
	 * @param json the event as one Kafka JSON object
	 * @return the id
	 */
	public static String logEventId(byte[] json) {
		MessageDigest digest = DIGESTS.get();
		digest.reset();
		update(digest, "log-event");
		updateInt(digest, json.length);
		digest.update(json);
		return id(digest);
	}

	/**
	 * Returns whether a producer's document id for a log event is one ingest uses: 1 to
	 * {@value #MAX_GIVEN_ID_LENGTH} characters of the base64url alphabet (letters,
	 * digits, {@code -} and {@code _}), such as a {@link #logEventId} or a UUID.
	 * @param id the id, or {@code null}
	 * @return whether it is usable
	 */
	public static boolean isUsableGivenId(String id) {
		if (id == null || id.isEmpty() || id.length() > MAX_GIVEN_ID_LENGTH) {
			return false;
		}
		for (int i = 0; i < id.length(); i++) {
			char c = id.charAt(i);
			boolean usable = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_';
			if (!usable) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Returns a content id built like the span and log ids: the first 128 bits of a
	 * SHA-256 digest over the tag and the fields, each as its UTF-8 bytes preceded by
	 * their length as a 4-byte big-endian integer; an absent field is the length -1 with
	 * no bytes, so that an absent field differs from an empty one. Base64url without
	 * padding (22 characters).
	 * @param tag what kind of document the id is for
	 * @param fields what identifies the document; any may be {@code null}
	 * @return the id
	 */
	public static String hash(String tag, String... fields) {
		MessageDigest digest = DIGESTS.get();
		digest.reset();
		update(digest, Objects.requireNonNull(tag, "tag"));
		for (String field : fields) {
			update(digest, field);
		}
		return id(digest);
	}

	private static String id(MessageDigest digest) {
		byte[] id = new byte[ID_BYTES];
		System.arraycopy(digest.digest(), 0, id, 0, ID_BYTES);
		return BASE64URL.encodeToString(id);
	}

	private static void update(MessageDigest digest, String field) {
		if (field == null) {
			updateInt(digest, -1);
			return;
		}
		byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
		updateInt(digest, bytes.length);
		digest.update(bytes);
	}

	/** The four bytes of {@code value}, big-endian. */
	private static void updateInt(MessageDigest digest, int value) {
		digest.update((byte) (value >>> 24));
		digest.update((byte) (value >>> 16));
		digest.update((byte) (value >>> 8));
		digest.update((byte) value);
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
