package io.panopticon.ingest.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;

import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Response;
import co.elastic.clients.transport.rest5_client.low_level.ResponseException;
import co.elastic.clients.transport.rest5_client.low_level.ResponseListener;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.panopticon.ingest.IngestProperties;

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
class BulkIndexer {

	private static final Logger log = LoggerFactory.getLogger(BulkIndexer.class);

	private static final ContentType NDJSON = ContentType.create("application/x-ndjson");

	/** Only what classification needs: keeps responses of thousands of items small. */
	private static final String FILTER = "errors,items.*.status,items.*.error.type,items.*.error.reason";

	private final Rest5Client client;

	private final IngestProperties.Bulk settings;

	private final Semaphore inFlight;

	private final IngestMetrics metrics;

	BulkIndexer(Rest5Client client, IngestProperties.Bulk settings, IngestMetrics metrics) {
		this.client = client;
		this.settings = settings;
		this.inFlight = new Semaphore(settings.maxParallelFlushes());
		this.metrics = metrics;
	}

	/**
	 * Creates the items.
	 * @param items the documents
	 * @return one outcome per item, in the same order; never {@code RETRYABLE}
	 * @throws StorageUnavailableException if transient failures outlast the retries
	 */
	List<BulkOutcome> index(List<BulkItem> items) {
		Batch batch = batch();
		items.forEach(batch::add);
		return batch.await();
	}

	/**
	 * A batch whose requests are sent as it fills, while the caller prepares more items.
	 */
	Batch batch() {
		return new Batch();
	}

	/**
	 * Items added to a batch are sent as soon as they fill a request, so Elasticsearch
	 * indexes while the caller is still decoding the rest; {@link #await()} waits for the
	 * answers and retries what failed transiently. Not thread-safe: one caller fills and
	 * awaits it.
	 */
	final class Batch {

		private final List<BulkItem> items = new ArrayList<>();

		private final List<SentChunk> sent = new ArrayList<>();

		private int chunkStart;

		private long chunkBytes;

		private Batch() {
		}

		/**
		 * Adds an item; sends the items before it first when this one would not fit their
		 * request.
		 * @param item the document
		 */
		void add(BulkItem item) {
			long size = item.bulkSize();
			int inChunk = this.items.size() - this.chunkStart;
			if (inChunk > 0 && (inChunk >= BulkIndexer.this.settings.batchSize()
					|| this.chunkBytes + size > BulkIndexer.this.settings.batchBytes().toBytes())) {
				flush();
			}
			this.items.add(item);
			this.chunkBytes += size;
		}

		/**
		 * Sends what is left and waits for every item's outcome, retrying transient
		 * failures.
		 * @return one outcome per added item, in order; never {@code RETRYABLE}
		 * @throws StorageUnavailableException if transient failures outlast the retries
		 */
		List<BulkOutcome> await() {
			flush();
			BulkOutcome[] outcomes = new BulkOutcome[this.items.size()];
			Throwable failure = null;
			for (SentChunk chunk : this.sent) {
				try {
					List<BulkOutcome> answered = chunk.answer().join();
					for (int i = 0; i < answered.size(); i++) {
						outcomes[chunk.start() + i] = answered.get(i);
					}
				}
				catch (CompletionException ex) {
					failure = unwrap(ex);
				}
			}
			if (failure != null) {
				log.warn("Bulk request failed: {}", failure.toString());
			}
			return retry(this.items, outcomes, failure);
		}

		private void flush() {
			if (this.items.size() == this.chunkStart) {
				return;
			}
			List<BulkItem> chunk = List.copyOf(this.items.subList(this.chunkStart, this.items.size()));
			BulkIndexer.this.inFlight.acquireUninterruptibly();
			CompletableFuture<List<BulkOutcome>> answer = send(chunk)
				.whenComplete((result, error) -> BulkIndexer.this.inFlight.release());
			this.sent.add(new SentChunk(this.chunkStart, answer));
			this.chunkStart = this.items.size();
			this.chunkBytes = 0;
		}

	}

	private record SentChunk(int start, CompletableFuture<List<BulkOutcome>> answer) {
	}

	/** Sends unanswered and retryable items again, with backoff, until none is left. */
	private List<BulkOutcome> retry(List<BulkItem> items, BulkOutcome[] outcomes, Throwable firstFailure) {
		Throwable failure = firstFailure;
		List<Integer> pending = unfinished(outcomes);
		Duration backoff = this.settings.retryBackoff();
		for (int attempt = 2; !pending.isEmpty(); attempt++) {
			if (attempt > this.settings.maxAttempts()) {
				String reason = (outcomes[pending.get(0)] != null) ? outcomes[pending.get(0)].reason()
						: String.valueOf(failure);
				throw new StorageUnavailableException(pending.size() + " of " + items.size()
						+ " items could not be indexed after " + (attempt - 1) + " attempts: " + reason, failure);
			}
			this.metrics.retried(pending.size());
			sleep(backoff);
			backoff = min(backoff.multipliedBy(2), this.settings.maxRetryBackoff());
			Throwable latest = sendAll(items, pending, outcomes);
			if (latest != null) {
				failure = latest;
			}
			pending = unfinished(outcomes);
		}
		return Arrays.asList(outcomes);
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
	 * Sends the pending items in chunks; fills outcomes of answered chunks; the last
	 * failure.
	 */
	private Throwable sendAll(List<BulkItem> items, List<Integer> pending, BulkOutcome[] outcomes) {
		List<CompletableFuture<Void>> requests = new ArrayList<>();
		List<Throwable> failures = new ArrayList<>();
		int start = 0;
		while (start < pending.size()) {
			int end = start;
			long bytes = 0;
			long maxBytes = this.settings.batchBytes().toBytes();
			while (end < pending.size() && end - start < this.settings.batchSize()
					&& (end == start || bytes + items.get(pending.get(end)).bulkSize() <= maxBytes)) {
				bytes += items.get(pending.get(end)).bulkSize();
				end++;
			}
			List<Integer> chunk = pending.subList(start, end);
			this.inFlight.acquireUninterruptibly();
			requests.add(send(chunk.stream().map(items::get).toList()).handle((result, error) -> {
				this.inFlight.release();
				if (error != null) {
					synchronized (failures) {
						failures.add(unwrap(error));
					}
					return null;
				}
				for (int i = 0; i < chunk.size(); i++) {
					outcomes[chunk.get(i)] = result.get(i);
				}
				return null;
			}));
			start = end;
		}
		CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)).join();
		if (!failures.isEmpty()) {
			log.warn("Bulk request failed ({} of {} requests): {}", failures.size(), requests.size(),
					failures.get(0).toString());
			return failures.get(failures.size() - 1);
		}
		return null;
	}

	private CompletableFuture<List<BulkOutcome>> send(List<BulkItem> chunk) {
		Request request = new Request("POST", "/_bulk");
		request.addParameter("filter_path", FILTER);
		request.setEntity(new ByteArrayEntity(BulkBody.of(chunk), NDJSON));
		CompletableFuture<List<BulkOutcome>> result = new CompletableFuture<>();
		long started = System.nanoTime();
		this.client.performRequestAsync(request, new ResponseListener() {

			@Override
			public void onSuccess(Response response) {
				// The client hands 4xx answers (a whole-request 429, 413, 400) over as
				// responses.
				int status = response.getStatusCode();
				try (InputStream body = response.getEntity().getContent()) {
					if (status != 200) {
						String text = new String(body.readNBytes(500), StandardCharsets.UTF_8);
						result.completeExceptionally(
								new IOException("Elasticsearch answered " + status + " to _bulk: " + text));
						return;
					}
					result.complete(BulkResponses.read(body, chunk.size()));
				}
				catch (IOException | RuntimeException ex) {
					result.completeExceptionally(ex);
				}
				finally {
					BulkIndexer.this.metrics.bulkLatency(System.nanoTime() - started);
				}
			}

			@Override
			public void onFailure(Exception ex) {
				BulkIndexer.this.metrics.bulkLatency(System.nanoTime() - started);
				result.completeExceptionally(ex);
			}

		});
		return result;
	}

	private static Throwable unwrap(Throwable error) {
		Throwable cause = (error instanceof CompletionException && error.getCause() != null) ? error.getCause() : error;
		if (cause instanceof ResponseException response) {
			return new IOException("Elasticsearch answered " + response.getResponse().getStatusCode() + " to _bulk",
					response);
		}
		return cause;
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

}
