package io.panopticon.storage.bulk;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The NDJSON body of one {@code _bulk} request that creates each item
 * ({@code op_type=create}, so a replayed document answers 409 instead of being
 * overwritten), written in place: each item's action line and document go straight into
 * one array, which grows when needed. Index names and ids are produced by Panopticon and
 * contain no characters that need JSON escaping; that is checked, not assumed.
 */
final class BulkBody extends OutputStream {

	private static final byte[] CREATE_INDEX = ascii("{\"create\":{\"_index\":\"");

	private static final byte[] ID = ascii("\",\"_id\":\"");

	private static final byte[] END_ACTION = ascii("\"}}\n");

	private byte[] bytes;

	private int length;

	/**
	 * @param bytes the array to write into, from its start
	 */
	BulkBody(byte[] bytes) {
		this.bytes = bytes;
	}

	/**
	 * Appends the create action and the document of an item.
	 * @param item the item
	 * @return where the item starts in the body
	 */
	int append(BulkItem item) {
		int start = this.length;
		write(CREATE_INDEX, 0, CREATE_INDEX.length);
		writeAscii(item.index());
		write(ID, 0, ID.length);
		writeAscii(item.id());
		write(END_ACTION, 0, END_ACTION.length);
		item.source().accept(this);
		write('\n');
		return start;
	}

	/** The array holding the body, from its start; it may be longer than the body. */
	byte[] bytes() {
		return this.bytes;
	}

	/** The body's length in bytes. */
	int length() {
		return this.length;
	}

	/**
	 * Cuts the body back to a length it had, dropping what was appended since.
	 * @param length the new length
	 */
	void truncate(int length) {
		this.length = length;
	}

	@Override
	public void write(int b) {
		ensureCapacity(this.length + 1);
		this.bytes[this.length++] = (byte) b;
	}

	@Override
	public void write(byte[] source, int offset, int count) {
		ensureCapacity(this.length + count);
		System.arraycopy(source, offset, this.bytes, this.length, count);
		this.length += count;
	}

	/**
	 * Writes an index name or id, one byte per character, checking that it needs no
	 * escaping.
	 */
	private void writeAscii(String text) {
		ensureCapacity(this.length + text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x20 || c == '"' || c == '\\' || c > 0x7e) {
				throw new IllegalArgumentException("unexpected character in index name or id: " + text);
			}
			this.bytes[this.length + i] = (byte) c;
		}
		this.length += text.length();
	}

	/**
	 * Grows by a quarter: reused arrays settle at about the size of a full body, and
	 * every byte of slack is kept alive for as long as the array is.
	 */
	private void ensureCapacity(int capacity) {
		if (capacity > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(capacity, this.bytes.length + this.bytes.length / 4));
		}
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
