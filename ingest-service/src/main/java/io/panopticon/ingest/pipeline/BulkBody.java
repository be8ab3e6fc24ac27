package io.panopticon.ingest.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the NDJSON body of a {@code _bulk} request that creates each item
 * ({@code op_type=create}, so a replayed document answers 409 instead of being
 * overwritten). Index names and ids are produced by Panopticon and contain no characters
 * that need JSON escaping; that is checked, not assumed.
 */
final class BulkBody {

	private static final byte[] CREATE_INDEX = ascii("{\"create\":{\"_index\":\"");

	private static final byte[] ID = ascii("\",\"_id\":\"");

	private static final byte[] END_ACTION = ascii("\"}}\n");

	private BulkBody() {
	}

	/**
	 * The body, written straight into an array of its exact size: bodies are the largest
	 * arrays ingest allocates, so they are neither grown nor copied.
	 */
	static byte[] of(List<BulkItem> items) {
		int size = 0;
		for (BulkItem item : items) {
			size += CREATE_INDEX.length + item.index().length() + ID.length + item.id().length() + END_ACTION.length
					+ item.source().length + 1;
		}
		byte[] body = new byte[size];
		int at = 0;
		for (BulkItem item : items) {
			at = put(body, at, CREATE_INDEX);
			at = putAscii(body, at, item.index());
			at = put(body, at, ID);
			at = putAscii(body, at, item.id());
			at = put(body, at, END_ACTION);
			at = put(body, at, item.source());
			body[at++] = '\n';
		}
		return body;
	}

	private static int put(byte[] body, int at, byte[] bytes) {
		System.arraycopy(bytes, 0, body, at, bytes.length);
		return at + bytes.length;
	}

	/**
	 * Writes an index name or id, one byte per character, checking that it needs no
	 * escaping.
	 */
	private static int putAscii(byte[] body, int at, String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x20 || c == '"' || c == '\\' || c > 0x7e) {
				throw new IllegalArgumentException("unexpected character in index name or id: " + text);
			}
			body[at + i] = (byte) c;
		}
		return at + text.length();
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
