package io.panopticon.ingest.pipeline;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.panopticon.common.autoconfigure.PanopticonTopicsProperties;

import org.springframework.kafka.annotation.KafkaListener;

/**
 * The two Kafka batch listeners: one per signal, each with its own consumer threads, both
 * in the group {@code spring.kafka.consumer.group-id}. Public only so the listener
 * annotations can read the topic names and the concurrency from it.
 */
public class IngestListeners {

	private final SpanIngestor spans;

	private final LogIngestor logs;

	private final PanopticonTopicsProperties topics;

	private final int concurrency;

	IngestListeners(SpanIngestor spans, LogIngestor logs, PanopticonTopicsProperties topics, int concurrency) {
		this.spans = spans;
		this.logs = logs;
		this.topics = topics;
		this.concurrency = concurrency;
	}

	/** The span topic, for the listener annotation. */
	public String spanTopic() {
		return this.topics.spans();
	}

	/** The log topic, for the listener annotation. */
	public String logTopic() {
		return this.topics.logs();
	}

	/**
	 * Consumer threads per topic ({@code panopticon.ingest.consumer.concurrency}), for
	 * the listener annotations.
	 */
	public int concurrency() {
		return this.concurrency;
	}

	@KafkaListener(id = "ingest-spans", topics = "#{__listener.spanTopic()}", idIsGroup = false,
			concurrency = "#{__listener.concurrency()}", batch = "true")
	void spans(List<ConsumerRecord<byte[], byte[]>> records) {
		this.spans.ingest(records);
	}

	@KafkaListener(id = "ingest-logs", topics = "#{__listener.logTopic()}", idIsGroup = false,
			concurrency = "#{__listener.concurrency()}", batch = "true")
	void logs(List<ConsumerRecord<byte[], byte[]>> records) {
		this.logs.ingest(records);
	}

}
