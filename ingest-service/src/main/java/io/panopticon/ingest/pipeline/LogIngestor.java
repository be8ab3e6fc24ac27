package io.panopticon.ingest.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

import io.panopticon.common.storage.Topics;
import io.panopticon.storage.DocumentIds;
import io.panopticon.storage.IndexFamily;
import io.panopticon.storage.bulk.BulkItem;
import io.panopticon.common.telemetry.Decoded;
import io.panopticon.common.telemetry.ErrorLogRecord;
import io.panopticon.common.telemetry.FieldError;
import io.panopticon.common.telemetry.LogEvent;
import io.panopticon.common.telemetry.Signals;
import io.panopticon.common.telemetry.TelemetryJson;
import io.panopticon.common.telemetry.TimeWindow;
import io.panopticon.storage.LogDocuments;

import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;

/**
 * Log events into the daily {@code logs-apm-*} indices, with the id their producer gave
 * them in the record's {@value Topics#EVENT_ID} headers (the receivers' content ids, so
 * that a client's retry stores an event once), else hash(topic, partition, offset,
 * position). ERROR and FATAL events are published to the error topic as soon as they are
 * stored (created now or by an earlier delivery, so a crash between indexing and
 * publishing loses nothing; a replay may publish an event twice, and subscribers
 * de-duplicate by {@code id}); the record value is an {@link ErrorLogRecord}.
 */
class LogIngestor extends BatchIngestor<LogEvent> {

	private final TimeWindow window;

	private final KafkaTemplate<byte[], byte[]> kafka;

	private final String errorTopic;

	LogIngestor(Collaborators collaborators, TimeWindow window, KafkaTemplate<byte[], byte[]> kafka,
			String errorTopic) {
		super("logs", collaborators);
		this.window = window;
		this.kafka = kafka;
		this.errorTopic = errorTopic;
	}

	@Override
	List<Decoded<LogEvent>> decode(byte[] value) {
		return TelemetryJson.decodeLogs(value);
	}

	@Override
	Optional<FieldError> checkTime(LogEvent event, Instant now) {
		return this.window.check(event, now);
	}

	@Override
	BulkItem toBulkItem(LogEvent event, ConsumerRecord<byte[], byte[]> record, int position, String givenId) {
		String id = (givenId != null) ? givenId
				: DocumentIds.logId(record.topic(), record.partition(), record.offset(), position);
		return new BulkItem(IndexFamily.LOGS.indexFor(event.timestampMicros()), id,
				(out) -> LogDocuments.write(event, out));
	}

	/**
	 * The {@value Topics#EVENT_ID} headers, in order; one that is not
	 * {@link DocumentIds#isUsableGivenId usable} stands for no id.
	 */
	@Override
	List<String> givenIds(ConsumerRecord<byte[], byte[]> record) {
		List<String> ids = null;
		for (Header header : record.headers()) {
			if (header.key().equals(Topics.EVENT_ID)) {
				if (ids == null) {
					ids = new ArrayList<>();
				}
				String id = (header.value() != null) ? new String(header.value(), StandardCharsets.US_ASCII) : null;
				ids.add(DocumentIds.isUsableGivenId(id) ? id : null);
			}
		}
		return (ids != null) ? ids : List.of();
	}

	@Override
	boolean wantsStored(LogEvent event) {
		return Signals.isError(event);
	}

	@Override
	void stored(LogEvent event, String id, List<CompletableFuture<?>> sends) {
		byte[] key = event.serviceName().getBytes(StandardCharsets.UTF_8);
		sends.add(this.kafka.send(new ProducerRecord<>(this.errorTopic, key, new ErrorLogRecord(id, event).encode())));
	}

}
