package io.panopticon.ingest.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

import io.panopticon.common.storage.Topics;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends what cannot be indexed to the source topic's dead-letter topic
 * ({@code <topic>.dlq}): the offending item as JSON (or the raw record value when it does
 * not parse), the record's key, and headers naming the reason, the field and where the
 * item came from.
 */
class DeadLetters {

	private final KafkaTemplate<byte[], byte[]> kafka;

	DeadLetters(KafkaTemplate<byte[], byte[]> kafka) {
		this.kafka = kafka;
	}

	/**
	 * @param source the record the item came from
	 * @param value the item's JSON, or the record's raw value
	 * @param field the offending field ({@code $} for the whole record or item)
	 * @param reason why it cannot be indexed
	 * @return completes when Kafka acknowledged the dead letter
	 */
	CompletableFuture<?> send(ConsumerRecord<byte[], byte[]> source, byte[] value, String field, String reason) {
		ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.deadLetterOf(source.topic()), null,
				source.key(), value);
		Headers headers = record.headers();
		headers.add(Topics.DLQ_REASON, utf8(reason));
		headers.add(Topics.DLQ_FIELD, utf8(field));
		headers.add(Topics.DLQ_SOURCE_TOPIC, utf8(source.topic()));
		headers.add(Topics.DLQ_SOURCE_PARTITION, utf8(Integer.toString(source.partition())));
		headers.add(Topics.DLQ_SOURCE_OFFSET, utf8(Long.toString(source.offset())));
		return this.kafka.send(record);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
