package io.panopticon.errorstream.stomp;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * The frames waiting to be written to one WebSocket session, and their writer. Whoever
 * offers a frame never waits for the client: frames are queued, and one task at a time
 * per session writes them on the send executor, in order. Two limits protect everyone
 * else from a client that cannot keep up: the characters waiting (the send buffer) and
 * the time one write may take. A session beyond either is reported slow and closed; its
 * queue is dropped.
 * <p>
 * A write blocked on a client that stopped reading holds one sender thread; the server's
 * own blocking-send timeout (set to the send time limit by the handler) frees it.
 */
final class Outbox {

	/** What happens to the frames. */
	interface Listener {

		/**
		 * A frame was written.
		 * @param eventMicros the log timestamp of the event it carried, or -1
		 */
		void written(long eventMicros);

		/**
		 * The client fell behind one of the limits; the session is being closed.
		 * @param reason which limit, for the log
		 */
		void slow(String reason);

	}

	private final WebSocketSession session;

	private final Executor executor;

	private final long bufferLimit;

	private final long timeLimitNanos;

	private final Listener listener;

	private final Queue<Entry> queue = new ConcurrentLinkedQueue<>();

	private final AtomicLong queued = new AtomicLong();

	private final AtomicBoolean draining = new AtomicBoolean();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final Runnable drain = this::drain;

	/** When the write in progress started ({@link System#nanoTime()}), 0 when none is. */
	private volatile long writeStarted;

	private volatile CloseStatus closeWhenDrained;

	/**
	 * @param session the session written to; only this outbox writes to it
	 * @param executor runs the writes
	 * @param bufferLimit the most characters that may wait
	 * @param timeLimitNanos the longest one write may take
	 * @param listener told about writes and slow clients
	 */
	Outbox(WebSocketSession session, Executor executor, long bufferLimit, long timeLimitNanos, Listener listener) {
		this.session = session;
		this.executor = executor;
		this.bufferLimit = bufferLimit;
		this.timeLimitNanos = timeLimitNanos;
		this.listener = listener;
	}

	/**
	 * Queues a frame.
	 * @param frame the frame text
	 * @param eventMicros the log timestamp of the event it carries, or -1
	 * @return false when the session is closed or was just found too slow
	 */
	boolean offer(String frame, long eventMicros) {
		if (this.closed.get() || this.closeWhenDrained != null) {
			return false;
		}
		long started = this.writeStarted;
		if (started != 0 && System.nanoTime() - started > this.timeLimitNanos) {
			tooSlow("a write took longer than " + this.timeLimitNanos / 1_000_000 + " ms");
			return false;
		}
		int size = frame.length();
		if (this.queued.addAndGet(size) > this.bufferLimit) {
			this.queued.addAndGet(-size);
			tooSlow("more than " + this.bufferLimit + " characters were waiting");
			return false;
		}
		this.queue.add(new Entry(new TextMessage(frame), eventMicros, size));
		schedule();
		return true;
	}

	/**
	 * Closes the session once the frames queued so far are written, for example after an
	 * ERROR frame or a DISCONNECT receipt.
	 * @param status the close status
	 */
	void closeWhenDrained(CloseStatus status) {
		if (this.closed.get()) {
			return;
		}
		this.closeWhenDrained = status;
		schedule();
	}

	/**
	 * Drops what waits and closes the session now.
	 * @param status the close status
	 */
	void close(CloseStatus status) {
		if (this.closed.compareAndSet(false, true)) {
			this.queue.clear();
			this.queued.set(0);
			// Closing may wait for a blocked write to time out: never on the caller.
			execute(() -> closeSession(status));
		}
	}

	/** Whether the session was closed or is closing. */
	boolean isClosed() {
		return this.closed.get();
	}

	/** Characters waiting to be written. */
	long queued() {
		return this.queued.get();
	}

	private void tooSlow(String reason) {
		if (!this.closed.get()) {
			this.listener.slow(reason);
			close(CloseStatus.SESSION_NOT_RELIABLE);
		}
	}

	private void schedule() {
		if (this.draining.compareAndSet(false, true)) {
			if (!execute(this.drain)) {
				this.draining.set(false);
			}
		}
	}

	private boolean execute(Runnable task) {
		try {
			this.executor.execute(task);
			return true;
		}
		catch (RejectedExecutionException ex) {
			// Shutting down: the session goes with the server.
			return false;
		}
	}

	private void drain() {
		try {
			Entry entry;
			while (!this.closed.get() && (entry = this.queue.poll()) != null) {
				this.writeStarted = System.nanoTime() | 1;
				try {
					this.session.sendMessage(entry.message());
				}
				catch (IOException | RuntimeException ex) {
					// The client went away, or a blocked write timed out.
					if (this.closed.compareAndSet(false, true)) {
						this.queue.clear();
						boolean timedOut = System.nanoTime() - this.writeStarted > this.timeLimitNanos;
						if (timedOut) {
							this.listener.slow("a write took longer than " + this.timeLimitNanos / 1_000_000 + " ms");
						}
						closeSession(timedOut ? CloseStatus.SESSION_NOT_RELIABLE : CloseStatus.SERVER_ERROR);
					}
					return;
				}
				finally {
					this.writeStarted = 0;
					this.queued.addAndGet(-entry.size());
				}
				this.listener.written(entry.eventMicros());
			}
			CloseStatus status = this.closeWhenDrained;
			if (status != null && this.queue.isEmpty() && this.closed.compareAndSet(false, true)) {
				closeSession(status);
			}
		}
		finally {
			this.draining.set(false);
			if (!this.closed.get() && (!this.queue.isEmpty() || this.closeWhenDrained != null)) {
				schedule();
			}
		}
	}

	private void closeSession(CloseStatus status) {
		try {
			this.session.close(status);
		}
		catch (IOException | RuntimeException ex) {
			// Already gone.
		}
	}

	private record Entry(TextMessage message, long eventMicros, int size) {
	}

}
