package io.panopticon.errorstream.stomp;

import java.util.List;

import io.panopticon.errorstream.log.ErrorLog;
import io.panopticon.errorstream.log.ErrorLogJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.BatchAcknowledgingMessageListener;
import org.springframework.kafka.support.Acknowledgment;

/**
 * Reads the records of {@code apm.logs.error} and hands each error log to the fan-out. A
 * record that is not an error log is counted and skipped (named by its coordinates, never
 * by its content). Offsets are never committed: every instance reads from the newest
 * record on each start, and clients fill gaps from the catch-up endpoint.
 */
final class ErrorLogListener implements BatchAcknowledgingMessageListener<Object, Object> {

	private static final Logger log = LoggerFactory.getLogger(ErrorLogListener.class);

	private final ErrorLogFanout fanout;

	private final StreamMetrics metrics;

	ErrorLogListener(ErrorLogFanout fanout, StreamMetrics metrics) {
		this.fanout = fanout;
		this.metrics = metrics;
	}

	@Override
	public void onMessage(List<ConsumerRecord<Object, Object>> records, Acknowledgment acknowledgment) {
		this.metrics.consumed(records.size());
		for (ConsumerRecord<Object, Object> record : records) {
			ErrorLog errorLog;
			try {
				if (!(record.value() instanceof byte[] value)) {
					throw new IllegalArgumentException("the record has no value");
				}
				errorLog = ErrorLogJson.fromRecord(value);
			}
			catch (IllegalArgumentException ex) {
				this.metrics.skipped();
				log.warn("Skipping record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
						ex.getMessage());
				continue;
			}
			this.fanout.publish(errorLog);
		}
	}

}
