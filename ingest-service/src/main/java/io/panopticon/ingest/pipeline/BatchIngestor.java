package io.panopticon.ingest.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.panopticon.storage.bulk.BulkIndexer;
import io.panopticon.storage.bulk.BulkItem;
import io.panopticon.storage.bulk.BulkOutcome;
import io.panopticon.storage.StorageUnavailableException;
import io.panopticon.common.telemetry.Decoded;
import io.panopticon.common.telemetry.FieldError;

/**
 * Takes one polled batch of Kafka records of one signal into Elasticsearch: decodes every
 * record (one JSON object or an array), dead-letters what is malformed, out of the time
 * window or oversized, bulk-creates the rest, dead-letters what Elasticsearch rejects,
 * and returns only once every item is indexed, already indexed or dead-lettered, with
 * every Kafka send acknowledged. The listener container commits the batch's offsets after
 * that; any exception leaves them uncommitted, and the container retries the batch
 * (re-created documents answer 409).
 *
 * <p>
 * Dead letters are sent after indexing, so a batch retried because Elasticsearch was down
 * does not dead-letter its bad items twice.
 *
 * @param <T> the item type
 */
abstract class BatchIngestor<T> {

	/**
	 * How long the batch waits for Kafka to acknowledge dead letters and published
	 * events.
	 */
	private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

	private final String signal;

	private final BulkIndexer indexer;

	private final DeadLetters deadLetters;

	private final IngestMetrics metrics;

	private final ThroughputLog throughput;

	private final Runnable ensureTemplates;

	private final long maxRecordBytes;

	private final Clock clock;

	BatchIngestor(String signal, Collaborators collaborators) {
		this.signal = signal;
		this.indexer = collaborators.indexer();
		this.deadLetters = collaborators.deadLetters();
		this.metrics = collaborators.metrics();
		this.throughput = collaborators.throughput();
		this.ensureTemplates = collaborators.ensureTemplates();
		this.maxRecordBytes = collaborators.maxRecordBytes();
		this.clock = collaborators.clock();
	}

	/** Decodes a record value into items. */
	abstract List<Decoded<T>> decode(byte[] value);

	/**
	 * Decodes a record into items; by its value unless the format also needs the record's
	 * headers.
	 */
	List<Decoded<T>> decode(ConsumerRecord<byte[], byte[]> record) {
		return decode(record.value());
	}

	/** The time-window problem of a valid item, if any. */
	abstract Optional<FieldError> checkTime(T item, Instant now);

	/**
	 * The document for a valid item; it is written into the request body when the item is
	 * added to the batch.
	 * @param item the item
	 * @param record the record it came from
	 * @param position its index in the record value
	 * @param givenId the document id the producer gave it ({@link #givenIds}), or
	 * {@code null}
	 */
	abstract BulkItem toBulkItem(T item, ConsumerRecord<byte[], byte[]> record, int position, String givenId);

	/**
	 * The document ids a record's producer gave its items, by position in the value; read
	 * once per record. None by default.
	 */
	List<String> givenIds(ConsumerRecord<byte[], byte[]> record) {
		return List.of();
	}

	/**
	 * Whether {@link #stored} wants this item once it is stored. Items it does not want
	 * are dropped as soon as their document is written, so that a batch in flight holds
	 * little more than its documents: what a batch keeps alive is what every young
	 * collection copies.
	 */
	boolean wantsStored(T item) {
		return false;
	}

	/**
	 * Called for every stored item that {@link #wantsStored} asked for; may add sends
	 * that the batch must wait for.
	 */
	void stored(T item, String id, List<CompletableFuture<?>> sends) {
	}

	/**
	 * Ingests one batch.
	 * @param records the polled records, in partition order
	 * @throws StorageUnavailableException if Elasticsearch cannot take the batch now
	 */
	void ingest(List<ConsumerRecord<byte[], byte[]>> records) {
		try {
			this.ensureTemplates.run();
		}
		catch (RuntimeException ex) {
			throw new StorageUnavailableException("the index templates cannot be installed", ex);
		}
		Instant now = this.clock.instant();
		List<Candidate<T>> candidates = new ArrayList<>();
		List<DeadLetter> rejected = new ArrayList<>();
		// Requests go out as they fill, so Elasticsearch indexes while the rest is
		// decoded.
		BulkIndexer.Batch batch = this.indexer.batch();
		int consumed = 0;
		for (ConsumerRecord<byte[], byte[]> record : records) {
			byte[] value = record.value();
			if (value == null || value.length == 0) {
				rejected.add(new DeadLetter(record, new byte[0], FieldError.ROOT, "the record is empty", "empty"));
				continue;
			}
			if (value.length > this.maxRecordBytes) {
				rejected.add(new DeadLetter(record, value, FieldError.ROOT,
						"the record holds " + value.length + " bytes, more than the limit of " + this.maxRecordBytes,
						"oversized"));
				continue;
			}
			List<String> givenIds = givenIds(record);
			for (Decoded<T> decoded : decode(record)) {
				consumed++;
				if (!decoded.isValid()) {
					boolean unparsable = decoded.fields().equals(FieldError.ROOT);
					rejected.add(new DeadLetter(record, decoded.json(), decoded.fields(), decoded.reason(),
							unparsable ? "malformed" : "invalid"));
					continue;
				}
				Optional<FieldError> time = checkTime(decoded.value(), now);
				if (time.isPresent()) {
					rejected.add(new DeadLetter(record, decoded.json(), time.get().field(), time.get().toString(),
							"out_of_time_window"));
					continue;
				}
				String givenId = (decoded.index() < givenIds.size()) ? givenIds.get(decoded.index()) : null;
				BulkItem document = toBulkItem(decoded.value(), record, decoded.index(), givenId);
				T kept = wantsStored(decoded.value()) ? decoded.value() : null;
				candidates.add(new Candidate<>(record, decoded.index(), document.id(), kept));
				batch.add(document);
			}
		}
		this.metrics.consumed(this.signal, consumed);
		List<CompletableFuture<?>> sends = new ArrayList<>();
		List<BulkOutcome> outcomes = batch.await();
		Map<ConsumerRecord<byte[], byte[]>, List<Decoded<T>>> decodedAgain = new IdentityHashMap<>();
		int indexed = 0;
		int already = 0;
		for (int i = 0; i < candidates.size(); i++) {
			Candidate<T> candidate = candidates.get(i);
			BulkOutcome outcome = outcomes.get(i);
			switch (outcome.status()) {
				case CREATED -> indexed++;
				case ALREADY_INDEXED -> already++;
				default ->
					rejected.add(new DeadLetter(candidate.record(), itemJson(candidate, decodedAgain), FieldError.ROOT,
							"Elasticsearch rejected the document: " + outcome.reason(), "rejected_by_storage"));
			}
			if (outcome.isStored() && candidate.item() != null) {
				stored(candidate.item(), candidate.id(), sends);
			}
		}
		for (DeadLetter letter : rejected) {
			sends.add(this.deadLetters.send(letter.record(), letter.value(), letter.field(), letter.reason()));
			this.metrics.deadLettered(this.signal, letter.category());
		}
		awaitAll(sends);
		this.metrics.indexed(this.signal, indexed);
		this.metrics.alreadyIndexed(this.signal, already);
		this.throughput.add(this.signal, consumed);
	}

	/**
	 * The item's own JSON, for its dead letter: decoded again from the record, which
	 * yields the items in the same order, rather than kept for every item of the batch.
	 * Each record is decoded again at most once, however many of its items were rejected.
	 */
	private byte[] itemJson(Candidate<T> candidate, Map<ConsumerRecord<byte[], byte[]>, List<Decoded<T>>> decoded) {
		return decoded.computeIfAbsent(candidate.record(), (record) -> decode(record)).get(candidate.position()).json();
	}

	private static void awaitAll(List<CompletableFuture<?>> sends) {
		if (sends.isEmpty()) {
			return;
		}
		try {
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
				.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for Kafka", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not acknowledge the batch's dead letters or events", ex);
		}
	}

	/** What every ingestor works with. */
	record Collaborators(BulkIndexer indexer, DeadLetters deadLetters, IngestMetrics metrics, ThroughputLog throughput,
			Runnable ensureTemplates, long maxRecordBytes, Clock clock) {
	}

	/**
	 * An item sent to Elasticsearch: where it came from, its document id, and the item
	 * itself only when {@link #stored} wants it.
	 */
	private record Candidate<T>(ConsumerRecord<byte[], byte[]> record, int position, String id, T item) {
	}

	private record DeadLetter(ConsumerRecord<byte[], byte[]> record, byte[] value, String field, String reason,
			String category) {
	}

}
