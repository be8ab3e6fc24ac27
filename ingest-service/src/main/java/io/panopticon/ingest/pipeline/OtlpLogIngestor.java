package io.panopticon.ingest.pipeline;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.panopticon.common.telemetry.Decoded;
import io.panopticon.common.telemetry.LogEvent;
import io.panopticon.common.telemetry.TimeWindow;
import io.panopticon.ingest.OtlpKafkaProperties.Encoding;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * Log events from the kafka exporter's logs topic: records decoded as OTLP export
 * requests (see {@link OtlpRecords}), then stored exactly as {@link LogIngestor} stores
 * log events, ERROR and FATAL ones published to the error topic. The id derives from the
 * exporter's record (topic, partition, offset, position), so a batch stored again after a
 * restart replaces nothing and adds nothing.
 * <p>
 * The receivers' {@code panopticon.event-id} headers are not read here: the exporter's
 * records come from outside, and a Collector can put one fixed header on every record
 * ({@code record_headers}), which would store all of its events as one document.
 */
class OtlpLogIngestor extends LogIngestor {

	private final Encoding encoding;

	OtlpLogIngestor(Collaborators collaborators, TimeWindow window, KafkaTemplate<byte[], byte[]> kafka,
			String errorTopic, Encoding encoding) {
		super(collaborators, window, kafka, errorTopic);
		this.encoding = encoding;
	}

	@Override
	List<Decoded<LogEvent>> decode(ConsumerRecord<byte[], byte[]> record) {
		return OtlpRecords.logs(record, this.encoding);
	}

	@Override
	List<String> givenIds(ConsumerRecord<byte[], byte[]> record) {
		return List.of();
	}

}
