package io.panopticon.ingest.receiver;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.panopticon.common.storage.Topics;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes converted items to a Kafka topic in the Kafka JSON format and waits until
 * Kafka acknowledged every record: items with the same key (spans of one trace) go into
 * one record holding a JSON array, split where the array would exceed the largest record
 * the ingest pipeline accepts; log events carry their document ids in headers.
 * Thread-safe.
 */
public class TelemetryPublisher implements AutoCloseable {

	private final Producer<byte[], byte[]> producer;

	private final Duration timeout;

	private final int maxRecordBytes;

	/**
	 * @param producer the producer; closed by {@link #close()}
	 * @param timeout how long {@link #publish} waits for the acknowledgements
	 * @param maxRecordBytes the largest record value to write
	 */
	public TelemetryPublisher(Producer<byte[], byte[]> producer, Duration timeout, int maxRecordBytes) {
		this.producer = producer;
		this.timeout = timeout;
		this.maxRecordBytes = maxRecordBytes;
	}

	/**
	 * Returns whether one item's JSON fits into a record on its own.
	 * @param json the item's JSON
	 * @return whether it fits
	 */
	public boolean fits(byte[] json) {
		return json.length + 2 <= this.maxRecordBytes;
	}

	/** The largest record value written, in bytes. */
	public int maxRecordBytes() {
		return this.maxRecordBytes;
	}

	/**
	 * Sends the items and waits until every record is acknowledged.
	 * @param topic the topic
	 * @param items the items, each small enough to {@link #fits fit}
	 * @return how many records were written
	 * @throws PublishFailedException if a record could not be sent or was not
	 * acknowledged in time; some records may have been written all the same
	 */
	public int publish(String topic, List<Keyed> items) {
		List<ProducerRecord<byte[], byte[]>> records = records(topic, items);
		long deadline = System.nanoTime() + this.timeout.toNanos();
		List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
		try {
			for (ProducerRecord<byte[], byte[]> record : records) {
				sent.add(this.producer.send(record));
			}
			for (Future<RecordMetadata> future : sent) {
				future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PublishFailedException("interrupted while waiting for Kafka", ex);
		}
		catch (TimeoutException ex) {
			throw new PublishFailedException("Kafka did not acknowledge the records within " + this.timeout, ex);
		}
		catch (ExecutionException ex) {
			throw new PublishFailedException("Kafka refused a record: " + ex.getCause(), ex.getCause());
		}
		catch (RuntimeException ex) {
			// send() itself throws when the topic's metadata cannot be had in time.
			throw new PublishFailedException("could not send to Kafka: " + ex, ex);
		}
		return records.size();
	}

	/**
	 * The records for the items: one JSON array per key, split where the array and the
	 * event id headers would exceed the size limit. An item with an event id adds a
	 * {@value Topics#EVENT_ID} header, in the order of the items in the array.
	 */
	List<ProducerRecord<byte[], byte[]>> records(String topic, List<Keyed> items) {
		Map<String, List<Keyed>> byKey = new LinkedHashMap<>();
		for (Keyed item : items) {
			byKey.computeIfAbsent(item.key(), (key) -> new ArrayList<>()).add(item);
		}
		List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
		byKey.forEach((key, values) -> {
			byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
			int start = 0;
			while (start < values.size()) {
				int size = 2 + values.get(start).json().length;
				int headers = values.get(start).headerBytes();
				int end = start + 1;
				while (end < values.size() && size + headers + 1 + values.get(end).json().length
						+ values.get(end).headerBytes() <= this.maxRecordBytes) {
					size += 1 + values.get(end).json().length;
					headers += values.get(end).headerBytes();
					end++;
				}
				List<Keyed> chunk = values.subList(start, end);
				ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, keyBytes, array(chunk, size));
				for (Keyed item : chunk) {
					if (item.eventId() != null) {
						record.headers().add(Topics.EVENT_ID, item.eventId().getBytes(StandardCharsets.US_ASCII));
					}
				}
				records.add(record);
				start = end;
			}
		});
		return records;
	}

	private static byte[] array(List<Keyed> values, int size) {
		byte[] array = new byte[size];
		array[0] = '[';
		int position = 1;
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) {
				array[position++] = ',';
			}
			byte[] value = values.get(i).json();
			System.arraycopy(value, 0, array, position, value.length);
			position += value.length;
		}
		array[position] = ']';
		return array;
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(5));
	}

	/**
	 * One item's Kafka JSON, the key of the record it goes into and, for a log event, its
	 * document id.
	 *
	 * @param key the record key: the trace id for spans
	 * @param json the item as one JSON object
	 * @param eventId the document id sent in the {@value Topics#EVENT_ID} header, or
	 * {@code null} for none
	 */
	public record Keyed(String key, byte[] json, String eventId) {

		/**
		 * An item without an event id.
		 * @param key the record key
		 * @param json the item as one JSON object
		 */
		public Keyed(String key, byte[] json) {
			this(key, json, null);
		}

		/**
		 * What the item's header adds to the record, counted generously: the key, the
		 * value and their two lengths.
		 */
		int headerBytes() {
			return (this.eventId != null) ? Topics.EVENT_ID.length() + this.eventId.length() + 10 : 0;
		}

	}

}
