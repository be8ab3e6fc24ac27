package io.panopticon.storage.bulk;

import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.panopticon.storage.StorageClient;
import io.panopticon.storage.StorageException;
import io.panopticon.storage.StorageRequest;
import io.panopticon.storage.StorageUnavailableException;

/**
 * Creates documents in Elasticsearch with {@code _bulk} requests. A call splits its items
 * into requests of at most {@code batchSize} items and {@code batchBytes} bytes, keeps at
 * most {@code maxParallelFlushes} requests in flight across all callers, retries items
 * that failed transiently (429, 5xx, timeouts) with backoff, and answers one outcome per
 * item. "Created" means Elasticsearch acknowledged the item; it never waits for a
 * refresh.
 *
 * <p>
 * When Elasticsearch stays unavailable through every attempt, the call throws
 * {@link StorageUnavailableException} and the caller keeps its batch uncommitted.
 */
public final class BulkIndexer {

	private static final Logger log = LoggerFactory.getLogger(BulkIndexer.class);

	/** Only what classification needs: keeps responses of thousands of items small. */
	private static final String FILTER = "errors,items.*.status,items.*.error.type,items.*.error.reason";

	private final StorageClient client;

	private final Settings settings;

	private final Semaphore inFlight;

	private final Metrics metrics;

	private final BodyBuffers buffers;

	/**
	 * Creates the indexer; nothing is sent until items are indexed.
	 * @param client the storage client
	 * @param settings how requests are sized, sent and retried
	 * @param metrics what is told of requests and retries
	 */
	public BulkIndexer(StorageClient client, Settings settings, Metrics metrics) {
		this.client = client;
		this.settings = settings;
		this.inFlight = new Semaphore(settings.maxParallelFlushes());
		this.metrics = metrics;
		// About the bodies of two polls in flight with the default settings, and never
		// a large part of the heap.
		this.buffers = new BodyBuffers(Runtime.getRuntime().maxMemory() / 8);
	}

	/**
	 * Creates the items.
	 * @param items the documents
	 * @return one outcome per item, in the same order; never {@code RETRYABLE}
	 * @throws StorageUnavailableException if transient failures outlast the retries
	 */
	public List<BulkOutcome> index(List<BulkItem> items) {
		Batch batch = batch();
		items.forEach(batch::add);
		return batch.await();
	}

	/**
	 * A batch whose requests are sent as it fills, while the caller prepares more items.
	 * @return an empty batch
	 */
	public Batch batch() {
		return new Batch();
	}

	/**
	 * Items added to a batch are written straight into the body of the request being
	 * filled, which is sent as soon as it is full, so Elasticsearch indexes while the
	 * caller is still decoding the rest; {@link #await()} waits for the answers and
	 * retries what failed transiently, from the bytes already written. Not thread-safe:
	 * one caller fills and awaits it.
	 */
	public final class Batch {

		private final List<BulkRequest> requests = new ArrayList<>();

		/** Per item: the request whose body holds it, and where it starts there. */
		private int[] requestOf = new int[256];

		private int[] startOf = new int[256];

		private int count;

		/**
		 * The body being filled, or {@code null}; it becomes request number
		 * requests.size().
		 */
		private BulkBody body;

		private int bodyFirst;

		private Batch() {
		}

		/**
		 * Adds an item; sends the items before it first when this one would not fit their
		 * request.
		 * @param item the document
		 */
		public void add(BulkItem item) {
			if (this.body != null && this.count - this.bodyFirst >= BulkIndexer.this.settings.batchSize()) {
				flush();
			}
			if (this.body == null) {
				this.body = new BulkBody(BulkIndexer.this.buffers.take());
				this.bodyFirst = this.count;
			}
			int start = this.body.append(item);
			if (this.count > this.bodyFirst && this.body.length() > BulkIndexer.this.settings.batchBytes()) {
				// Too large for this request: the items before it go now, and it starts
				// the next one.
				BulkBody next = new BulkBody(BulkIndexer.this.buffers.take());
				next.write(this.body.bytes(), start, this.body.length() - start);
				this.body.truncate(start);
				flush();
				this.body = next;
				this.bodyFirst = this.count;
				start = 0;
			}
			if (this.count == this.requestOf.length) {
				this.requestOf = Arrays.copyOf(this.requestOf, this.count * 2);
				this.startOf = Arrays.copyOf(this.startOf, this.count * 2);
			}
			this.requestOf[this.count] = this.requests.size();
			this.startOf[this.count] = start;
			this.count++;
		}

		/**
		 * Sends what is left and waits for every item's outcome, retrying transient
		 * failures.
		 * @return one outcome per added item, in order; never {@code RETRYABLE}
		 * @throws StorageUnavailableException if transient failures outlast the retries
		 */
		public List<BulkOutcome> await() {
			flush();
			try {
				BulkOutcome[] outcomes = new BulkOutcome[this.count];
				Throwable failure = collect(this.requests, outcomes);
				if (failure != null) {
					log.warn("Bulk request failed: {}", failure.toString());
				}
				return retry(outcomes, failure);
			}
			finally {
				this.requests.forEach(BulkIndexer.this::release);
			}
		}

		private void flush() {
			if (this.body == null) {
				return;
			}
			this.requests.add(send(this.body, this.bodyFirst, this.count - this.bodyFirst));
			this.body = null;
		}

		/**
		 * Sends unanswered and retryable items again, with backoff, until none is left.
		 */
		private List<BulkOutcome> retry(BulkOutcome[] outcomes, Throwable firstFailure) {
			Throwable failure = firstFailure;
			List<Integer> pending = unfinished(outcomes);
			Duration backoff = BulkIndexer.this.settings.retryBackoff();
			for (int attempt = 2; !pending.isEmpty(); attempt++) {
				if (attempt > BulkIndexer.this.settings.maxAttempts()) {
					String reason = (outcomes[pending.get(0)] != null) ? outcomes[pending.get(0)].reason()
							: String.valueOf(failure);
					throw new StorageUnavailableException(pending.size() + " of " + this.count
							+ " items could not be indexed after " + (attempt - 1) + " attempts: " + reason, failure);
				}
				BulkIndexer.this.metrics.retried(pending.size());
				sleep(backoff);
				backoff = min(backoff.multipliedBy(2), BulkIndexer.this.settings.maxRetryBackoff());
				Throwable latest = sendAgain(pending, outcomes);
				if (latest != null) {
					log.warn("Bulk request failed again (attempt {}): {}", attempt, latest.toString());
					failure = latest;
				}
				pending = unfinished(outcomes);
			}
			return Arrays.asList(outcomes);
		}

		/**
		 * Sends the pending items in new requests, copied from the bodies they were first
		 * sent in; fills the outcomes of answered requests; the last failure.
		 */
		private Throwable sendAgain(List<Integer> pending, BulkOutcome[] outcomes) {
			List<BulkRequest> again = new ArrayList<>();
			long maxBytes = BulkIndexer.this.settings.batchBytes();
			int start = 0;
			while (start < pending.size()) {
				BulkBody retryBody = new BulkBody(BulkIndexer.this.buffers.take());
				int end = start;
				while (end < pending.size() && end - start < BulkIndexer.this.settings.batchSize()) {
					int item = pending.get(end);
					byte[] from = this.requests.get(this.requestOf[item]).body().bytes();
					int length = endOf(item) - this.startOf[item];
					if (end > start && retryBody.length() + length > maxBytes) {
						break;
					}
					retryBody.write(from, this.startOf[item], length);
					end++;
				}
				again.add(send(retryBody, pending.subList(start, end)));
				start = end;
			}
			try {
				return collect(again, outcomes);
			}
			finally {
				again.forEach(BulkIndexer.this::release);
			}
		}

		/** Where an item ends in the body of its request. */
		private int endOf(int item) {
			int request = this.requestOf[item];
			return (item + 1 < this.count && this.requestOf[item + 1] == request) ? this.startOf[item + 1]
					: this.requests.get(request).body().length();
		}

	}

	/**
	 * Waits for the answers of requests and fills the outcomes of their items.
	 * @return the last failure, or {@code null} if every request was answered
	 */
	private static Throwable collect(List<BulkRequest> requests, BulkOutcome[] outcomes) {
		Throwable failure = null;
		for (BulkRequest request : requests) {
			try {
				List<BulkOutcome> answered = request.answer().join();
				for (int i = 0; i < answered.size(); i++) {
					outcomes[request.items().get(i)] = answered.get(i);
				}
			}
			catch (CompletionException ex) {
				failure = unwrap(ex);
			}
		}
		return failure;
	}

	private static List<Integer> unfinished(BulkOutcome[] outcomes) {
		List<Integer> pending = new ArrayList<>();
		for (int i = 0; i < outcomes.length; i++) {
			if (outcomes[i] == null || outcomes[i].status() == BulkOutcome.Status.RETRYABLE) {
				pending.add(i);
			}
		}
		return pending;
	}

	/**
	 * Returns a request's array for reuse, but only when Elasticsearch answered it: after
	 * a timeout or a broken connection the client may not be done reading it.
	 */
	private void release(BulkRequest request) {
		if (request.answered().get()) {
			this.buffers.give(request.body().bytes());
		}
	}

	private BulkRequest send(BulkBody body, int first, int items) {
		return send(body, new ItemRange(first, items));
	}

	private BulkRequest send(BulkBody body, List<Integer> items) {
		this.inFlight.acquireUninterruptibly();
		StorageRequest request = StorageRequest.of("POST", "/_bulk")
			.parameter("filter_path", FILTER)
			.body(body.bytes(), 0, body.length(), StorageRequest.BodyType.NDJSON);
		AtomicBoolean answered = new AtomicBoolean();
		long started = System.nanoTime();
		CompletableFuture<List<BulkOutcome>> answer = this.client
			.sendAsync(request, (in) -> BulkResponses.read(in, items.size()))
			.whenComplete((result, error) -> {
				// A whole-request 429, 413 or 5xx is an answer too: the client is done
				// with the body.
				answered.set(result != null || (error instanceof StorageException refused && refused.status() > 0));
				this.metrics.bulkLatency(System.nanoTime() - started);
				this.inFlight.release();
			});
		return new BulkRequest(body, items, answer, answered);
	}

	/**
	 * One {@code _bulk} request: its body, the batch positions of its items, its answer,
	 * and whether Elasticsearch answered at all.
	 */
	private record BulkRequest(BulkBody body, List<Integer> items, CompletableFuture<List<BulkOutcome>> answer,
			AtomicBoolean answered) {
	}

	/**
	 * The positions first, first + 1, ..., of a request's items, without a list of them.
	 */
	private static final class ItemRange extends AbstractList<Integer> {

		private final int first;

		private final int size;

		ItemRange(int first, int size) {
			this.first = first;
			this.size = size;
		}

		@Override
		public Integer get(int index) {
			return this.first + index;
		}

		@Override
		public int size() {
			return this.size;
		}

	}

	private static Throwable unwrap(Throwable error) {
		return (error instanceof CompletionException && error.getCause() != null) ? error.getCause() : error;
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StorageUnavailableException("interrupted while waiting to retry", ex);
		}
	}

	/**
	 * How requests are sized, sent and retried.
	 *
	 * @param batchSize the most items in one request
	 * @param batchBytes the most bytes in one request's body, unless one item alone is
	 * larger
	 * @param maxParallelFlushes the most requests in flight across all callers
	 * @param maxAttempts how often an item is sent before the call gives up
	 * @param retryBackoff the pause before the first retry; doubled after each further
	 * one
	 * @param maxRetryBackoff the longest pause between retries
	 */
	public record Settings(int batchSize, long batchBytes, int maxParallelFlushes, int maxAttempts,
			Duration retryBackoff, Duration maxRetryBackoff) {
	}

	/** What the indexer tells of its requests. */
	public interface Metrics {

		/**
		 * Items are sent again after a transient failure.
		 * @param count how many
		 */
		void retried(int count);

		/**
		 * A request was answered or failed.
		 * @param nanos how long it took
		 */
		void bulkLatency(long nanos);

	}

}
