package io.panopticon.storage.bulk;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Arrays for {@code _bulk} bodies, reused from one request to the next. A body lives
 * until every item of its poll has an outcome, long enough for young collections to copy
 * it or promote it; an array that is reused stays where it is. Idle arrays are kept up to
 * a total size, beyond which returned ones are left to the collector.
 */
final class BodyBuffers {

	private static final int INITIAL_CAPACITY = 1024 * 1024;

	private final Deque<byte[]> idle = new ArrayDeque<>();

	private final long maxIdleBytes;

	private long idleBytes;

	/**
	 * @param maxIdleBytes the most bytes kept in idle arrays
	 */
	BodyBuffers(long maxIdleBytes) {
		this.maxIdleBytes = maxIdleBytes;
	}

	/** An array to write a body into: an idle one, or a new one. */
	synchronized byte[] take() {
		byte[] bytes = this.idle.pollFirst();
		if (bytes == null) {
			return new byte[INITIAL_CAPACITY];
		}
		this.idleBytes -= bytes.length;
		return bytes;
	}

	/**
	 * Takes an array back once nothing reads it any more.
	 * @param bytes an array from {@link #take()}, possibly grown
	 */
	synchronized void give(byte[] bytes) {
		if (this.idleBytes + bytes.length <= this.maxIdleBytes) {
			this.idle.addFirst(bytes);
			this.idleBytes += bytes.length;
		}
	}

}
