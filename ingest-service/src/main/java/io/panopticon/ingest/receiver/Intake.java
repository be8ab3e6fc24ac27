package io.panopticon.ingest.receiver;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.panopticon.common.telemetry.FieldError;
import io.panopticon.common.telemetry.LogEvent;
import io.panopticon.common.telemetry.Span;
import io.panopticon.common.telemetry.TelemetryJson;
import io.panopticon.common.telemetry.TimeWindow;
import io.panopticon.storage.DocumentIds;

/**
 * Where every receiver hands its converted items: applies the checks the Kafka pipeline
 * would apply after decoding (the time window, the record size), so that an item a
 * receiver accepts is one the pipeline stores, then publishes the rest in the Kafka JSON
 * format and returns only when Kafka acknowledged them. Thread-safe.
 */
public final class Intake {

	private final TelemetryPublisher publisher;

	private final String spansTopic;

	private final String logsTopic;

	private final TimeWindow spanWindow;

	private final TimeWindow logWindow;

	private final Clock clock;

	private final MeterRegistry meters;

	/**
	 * @param publisher writes to Kafka
	 * @param spansTopic the span topic ({@code apm.spans})
	 * @param logsTopic the log topic ({@code apm.logs})
	 * @param spanWindow the time window spans must be in, as the pipeline applies it
	 * @param logWindow the time window log events must be in
	 * @param clock the clock the windows are checked against
	 * @param meters where the accepted and rejected items are counted
	 */
	public Intake(TelemetryPublisher publisher, String spansTopic, String logsTopic, TimeWindow spanWindow,
			TimeWindow logWindow, Clock clock, MeterRegistry meters) {
		this.publisher = publisher;
		this.spansTopic = spansTopic;
		this.logsTopic = logsTopic;
		this.spanWindow = spanWindow;
		this.logWindow = logWindow;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * Checks and publishes spans, each record keyed by its trace id.
	 * @param protocol the receiver, for metrics ({@code otlp-http}, {@code zipkin}, ...)
	 * @param converted what the receiver made of the request
	 * @return what was accepted and rejected
	 * @throws PublishFailedException if Kafka did not acknowledge every record
	 */
	public Outcome spans(String protocol, Converted<Span> converted) {
		return publish(protocol, "spans", this.spansTopic, converted, true);
	}

	/**
	 * Checks spans and publishes them only if none is rejected, for protocols without a
	 * partial success.
	 * @param protocol the receiver, for metrics
	 * @param converted what the receiver made of the request
	 * @return what was accepted and rejected: all or none
	 * @throws PublishFailedException if Kafka did not acknowledge every record
	 */
	public Outcome spansOrNone(String protocol, Converted<Span> converted) {
		return publish(protocol, "spans", this.spansTopic, converted, false);
	}

	private Outcome publish(String protocol, String signal, String topic, Converted<Span> converted, boolean partial) {
		return publish(protocol, signal, topic, converted, partial, this.spanWindow::check, TelemetryJson::encode,
				Span::traceId, false);
	}

	/**
	 * Checks and publishes log events, keyed by trace id (by service name when there is
	 * none), each with its content id ({@link DocumentIds#logEventId}) in a
	 * {@code panopticon.event-id} header, so that a client that sends a request again
	 * after a 503 stores no event twice.
	 * @param protocol the receiver, for metrics
	 * @param converted what the receiver made of the request
	 * @return what was accepted and rejected
	 * @throws PublishFailedException if Kafka did not acknowledge every record
	 */
	public Outcome logs(String protocol, Converted<LogEvent> converted) {
		return publish(protocol, "logs", this.logsTopic, converted, true, this.logWindow::check, TelemetryJson::encode,
				(event) -> (event.traceId() != null) ? event.traceId() : event.serviceName(), true);
	}

	private <T> Outcome publish(String protocol, String signal, String topic, Converted<T> converted, boolean partial,
			BiFunction<T, Instant, Optional<FieldError>> window, Function<T, byte[]> encoder, Function<T, String> key,
			boolean eventIds) {
		Instant now = this.clock.instant();
		List<Rejection> rejections = new ArrayList<>(converted.rejections());
		List<TelemetryPublisher.Keyed> items = new ArrayList<>(converted.items().size());
		for (Converted.Located<T> item : converted.items()) {
			Optional<FieldError> problem = window.apply(item.value(), now);
			if (problem.isPresent()) {
				rejections.add(new Rejection(item.item(), problem.get().toString()));
				continue;
			}
			byte[] json = encoder.apply(item.value());
			if (!this.publisher.fits(json)) {
				rejections.add(new Rejection(item.item(),
						"is " + json.length + " bytes as JSON, more than the largest Kafka record ("
								+ this.publisher.maxRecordBytes() + " bytes)"));
				continue;
			}
			String eventId = eventIds ? DocumentIds.logEventId(json) : null;
			items.add(new TelemetryPublisher.Keyed(key.apply(item.value()), json, eventId));
		}
		if (!partial && !rejections.isEmpty()) {
			counter(protocol, signal, "rejected").increment(converted.total());
			return new Outcome(0, rejections);
		}
		if (!items.isEmpty()) {
			try {
				this.publisher.publish(topic, items);
			}
			catch (PublishFailedException ex) {
				counter(protocol, signal, "unavailable").increment(items.size());
				throw ex;
			}
		}
		counter(protocol, signal, "accepted").increment(items.size());
		counter(protocol, signal, "rejected").increment(rejections.size());
		return new Outcome(items.size(), rejections);
	}

	private Counter counter(String protocol, String signal, String outcome) {
		return Counter.builder("panopticon.receiver.items")
			.description("Telemetry items received over OTLP and Zipkin, by what became of them")
			.tag("protocol", protocol)
			.tag("signal", signal)
			.tag("outcome", outcome)
			.register(this.meters);
	}

}
