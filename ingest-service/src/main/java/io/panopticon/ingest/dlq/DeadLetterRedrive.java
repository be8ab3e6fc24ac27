package io.panopticon.ingest.dlq;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.panopticon.common.storage.Topics;
import io.panopticon.common.web.InvalidParameterException;
import io.panopticon.common.web.NotFoundException;

import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends dead-lettered items back to the topic they came from, after the cause was fixed.
 * Reads a dead-letter topic from where the last re-drive stopped (the committed offsets
 * of the group {@code panopticon-dlq-redrive}) up to its end at the time of the call,
 * produces each value with its key to its source topic (header
 * {@code panopticon.dlq.source-topic}), and commits once Kafka acknowledged them. Items
 * that fail again are dead-lettered again by the pipeline.
 *
 * <p>
 * Span documents keep their ids, so re-driving a span twice stores it once; a log event's
 * id depends on its new offset, so re-driving the same log twice stores it twice. Calls
 * within one instance are serialised.
 */
public class DeadLetterRedrive {

	private static final Logger log = LoggerFactory.getLogger(DeadLetterRedrive.class);

	static final String GROUP = "panopticon-dlq-redrive";

	private static final Duration POLL = Duration.ofMillis(500);

	private final ConsumerFactory<byte[], byte[]> consumers;

	private final KafkaTemplate<byte[], byte[]> kafka;

	public DeadLetterRedrive(ConsumerFactory<byte[], byte[]> consumers, KafkaTemplate<byte[], byte[]> kafka) {
		this.consumers = consumers;
		this.kafka = kafka;
	}

	/**
	 * Re-drives one dead-letter topic.
	 * @param topic the dead-letter topic ({@code apm.spans.dlq}) or its source topic
	 * ({@code apm.spans})
	 * @return what was sent where
	 */
	public synchronized Result redrive(String topic) {
		if (topic == null || topic.isBlank()) {
			throw new InvalidParameterException("topic", "name the dead-letter topic, e.g. apm.spans.dlq");
		}
		String deadLetterTopic = topic.endsWith(Topics.DEAD_LETTER_SUFFIX) ? topic : Topics.deadLetterOf(topic);
		Properties overrides = new Properties();
		overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
		overrides.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		try (Consumer<byte[], byte[]> consumer = this.consumers.createConsumer(GROUP, "dlq-redrive", null, overrides)) {
			List<PartitionInfo> partitions = consumer.partitionsFor(deadLetterTopic, Duration.ofSeconds(10));
			if (partitions == null || partitions.isEmpty()) {
				throw new NotFoundException("no dead-letter topic " + deadLetterTopic);
			}
			List<TopicPartition> assigned = partitions.stream()
				.map((p) -> new TopicPartition(p.topic(), p.partition()))
				.toList();
			consumer.assign(assigned);
			Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
			Map<String, Long> sent = new LinkedHashMap<>();
			Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
			while (!reached(consumer, end)) {
				List<CompletableFuture<?>> sends = new ArrayList<>();
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
					TopicPartition partition = new TopicPartition(record.topic(), record.partition());
					if (record.offset() >= end.get(partition)) {
						continue;
					}
					String target = sourceTopic(record, deadLetterTopic);
					sends.add(this.kafka.send(new ProducerRecord<>(target, record.key(), record.value())));
					sent.merge(target, 1L, Long::sum);
					done.put(partition, new OffsetAndMetadata(record.offset() + 1));
				}
				CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
				if (!done.isEmpty()) {
					consumer.commitSync(done);
				}
			}
			long total = sent.values().stream().mapToLong(Long::longValue).sum();
			log.info("Re-drove {} items from {} to {}", total, deadLetterTopic, sent.keySet());
			return new Result(deadLetterTopic, total, sent);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while re-driving " + deadLetterTopic, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not acknowledge the re-driven items", ex);
		}
	}

	private static boolean reached(Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
		for (Map.Entry<TopicPartition, Long> entry : end.entrySet()) {
			if (consumer.position(entry.getKey()) < entry.getValue()) {
				return false;
			}
		}
		return true;
	}

	private static String sourceTopic(ConsumerRecord<byte[], byte[]> record, String deadLetterTopic) {
		Header header = record.headers().lastHeader(Topics.DLQ_SOURCE_TOPIC);
		if (header != null && header.value() != null && header.value().length > 0) {
			return new String(header.value(), StandardCharsets.UTF_8);
		}
		return deadLetterTopic.substring(0, deadLetterTopic.length() - Topics.DEAD_LETTER_SUFFIX.length());
	}

	/**
	 * @param topic the dead-letter topic that was read
	 * @param redriven how many items were sent back
	 * @param targets how many went to each source topic
	 */
	public record Result(String topic, long redriven, Map<String, Long> targets) {
	}

}
