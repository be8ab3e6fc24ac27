package io.panopticon.ingest.pipeline;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;

/**
 * The batch listener of one kafka-exporter topic, in the ingest group, with the same
 * container, error handling and commit-after-store as {@link IngestListeners}: a batch is
 * committed only once every item is stored or dead-lettered, and a batch that fails is
 * retried whole, never skipped. Public only so the listener annotation can read its id,
 * topic and concurrency from it.
 */
public class OtlpKafkaListener {

	private final String id;

	private final String topic;

	private final int concurrency;

	private final BatchIngestor<?> ingestor;

	OtlpKafkaListener(String id, String topic, int concurrency, BatchIngestor<?> ingestor) {
		this.id = id;
		this.topic = topic;
		this.concurrency = concurrency;
		this.ingestor = ingestor;
	}

	/**
	 * The listener container's id ({@code ingest-otlp-spans}, {@code ingest-otlp-logs}).
	 */
	public String id() {
		return this.id;
	}

	/** The topic, for the listener annotation. */
	public String topic() {
		return this.topic;
	}

	/** Consumer threads ({@code panopticon.ingest.consumer.concurrency}). */
	public int concurrency() {
		return this.concurrency;
	}

	@KafkaListener(id = "#{__listener.id()}", topics = "#{__listener.topic()}", idIsGroup = false,
			concurrency = "#{__listener.concurrency()}", batch = "true")
	void ingest(List<ConsumerRecord<byte[], byte[]>> records) {
		this.ingestor.ingest(records);
	}

}
