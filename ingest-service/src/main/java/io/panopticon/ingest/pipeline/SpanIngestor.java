package io.panopticon.ingest.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.panopticon.storage.DocumentIds;
import io.panopticon.storage.IndexFamily;
import io.panopticon.storage.bulk.BulkItem;
import io.panopticon.common.telemetry.Decoded;
import io.panopticon.common.telemetry.FieldError;
import io.panopticon.common.telemetry.Span;
import io.panopticon.common.telemetry.TelemetryJson;
import io.panopticon.common.telemetry.TimeWindow;
import io.panopticon.ingest.storage.EndpointLimiter;
import io.panopticon.storage.SpanDocuments;

/**
 * Spans into the daily {@code traces-apm-*} indices, one document per span with the id
 * hash(traceId, spanId, kind), and the endpoint capped per service.
 */
class SpanIngestor extends BatchIngestor<Span> {

	private final TimeWindow window;

	private final EndpointLimiter endpoints;

	SpanIngestor(Collaborators collaborators, TimeWindow window, EndpointLimiter endpoints) {
		super("spans", collaborators);
		this.window = window;
		this.endpoints = endpoints;
	}

	@Override
	List<Decoded<Span>> decode(byte[] value) {
		return TelemetryJson.decodeSpans(value);
	}

	@Override
	Optional<FieldError> checkTime(Span span, Instant now) {
		return this.window.check(span, now);
	}

	@Override
	BulkItem toBulkItem(Span span, ConsumerRecord<byte[], byte[]> record, int position, String givenId) {
		String endpoint = this.endpoints.admit(span.serviceName(), SpanDocuments.endpointOf(span));
		return new BulkItem(IndexFamily.TRACES.indexFor(span.startTimeMicros()), DocumentIds.spanId(span),
				(out) -> SpanDocuments.write(span, endpoint, out));
	}

}
