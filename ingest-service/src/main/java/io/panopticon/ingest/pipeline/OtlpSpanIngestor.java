package io.panopticon.ingest.pipeline;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.panopticon.common.telemetry.Decoded;
import io.panopticon.common.telemetry.Span;
import io.panopticon.common.telemetry.TimeWindow;
import io.panopticon.ingest.OtlpKafkaProperties.Encoding;
import io.panopticon.ingest.storage.EndpointLimiter;

/**
 * Spans from the kafka exporter's trace topic: records decoded as OTLP export requests
 * (see {@link OtlpRecords}), then stored exactly as {@link SpanIngestor} stores spans,
 * with the same document ids, so a span that arrives both ways is stored once.
 */
class OtlpSpanIngestor extends SpanIngestor {

	private final Encoding encoding;

	OtlpSpanIngestor(Collaborators collaborators, TimeWindow window, EndpointLimiter endpoints, Encoding encoding) {
		super(collaborators, window, endpoints);
		this.encoding = encoding;
	}

	@Override
	List<Decoded<Span>> decode(ConsumerRecord<byte[], byte[]> record) {
		return OtlpRecords.spans(record, this.encoding);
	}

}
