package io.panopticon.common.telemetry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One unit of work in a trace, exactly as the Kafka JSON format carries it (see
 * {@code docs/formats.md}).
 * <p>
 * Instances are always valid and normalised, whoever builds them (our JSON codec, the
 * OTLP and Zipkin codecs, tests): ids are lower-case hex, {@code kind} and {@code status}
 * are never {@code null}, empty optional strings are {@code null}, and the collections
 * are unmodifiable and never {@code null}. Attribute and resource values are strings,
 * booleans, numbers ({@code Long}, {@code Double}, or {@code BigInteger} beyond the
 * {@code long} range), lists and maps; other numeric types are widened so that a span
 * equals its own decoded JSON encoding.
 *
 * @param traceId the trace id, 16 or 32 hex digits, lower case; a 16-digit id is kept as
 * is, not padded
 * @param spanId the span id, 16 hex digits, lower case
 * @param parentSpanId the parent's span id, or {@code null} for a root span (an all-zero
 * id also means "no parent")
 * @param name the operation, for example {@code GET /orders/{id}}
 * @param kind the role of the span; {@code null} becomes {@link SpanKind#INTERNAL}
 * @param serviceName the service that recorded the span
 * @param environment the deployment environment, or {@code null} when the producer did
 * not say; callers that need one choose the default
 * @param startTimeMicros the start, in microseconds since the epoch, from 1970 to
 * 2262-04-11 (the times whose nanoseconds fit a {@code long})
 * @param durationMicros how long the span took, in microseconds, never negative; the span
 * must end by 2262-04-11 too. How long is plausible is a setting, checked by
 * {@link TimeWindow}
 * @param status the outcome; {@code null} becomes {@link SpanStatus#UNSET}
 * @param httpMethod the HTTP method, or {@code null}
 * @param httpRoute the route template, for example {@code /orders/{id}}, or {@code null}
 * @param httpStatusCode the HTTP status code (100–599), or {@code null}
 * @param peerService the remote service a client span called, or {@code null}
 * @param attributes span attributes, insertion ordered
 * @param events timed events, in the producer's order
 * @param links links to other spans
 * @param resource attributes of the process that recorded the span, insertion ordered
 */
public record Span(String traceId, String spanId, String parentSpanId, String name, SpanKind kind, String serviceName,
		String environment, long startTimeMicros, long durationMicros, SpanStatus status, String httpMethod,
		String httpRoute, Integer httpStatusCode, String peerService, Map<String, Object> attributes,
		List<SpanEvent> events, List<SpanLink> links, Map<String, Object> resource) {

	/** The smallest HTTP status code a span may carry. */
	public static final int MIN_HTTP_STATUS = 100;

	/** The largest HTTP status code a span may carry. */
	public static final int MAX_HTTP_STATUS = 599;

	/**
	 * Validates and normalises the span.
	 * @throws IllegalArgumentException if a required field is missing or blank, an id is
	 * malformed, a time or the duration is negative, the span starts or ends after 2262,
	 * or the HTTP status is out of range
	 */
	public Span {
		traceId = Ids.requireTraceId(traceId, "traceId");
		spanId = Ids.requireSpanId(spanId, "spanId");
		parentSpanId = normaliseParent(parentSpanId);
		Values.requireText(name, "name");
		kind = (kind != null) ? kind : SpanKind.INTERNAL;
		Values.requireText(serviceName, "serviceName");
		environment = Values.emptyToNull(environment);
		Values.requireTime(startTimeMicros, "startTime");
		Values.requireNonNegative(durationMicros, "durationMicros");
		if (durationMicros > Values.MAX_EPOCH_MICROS - startTimeMicros) {
			throw new IllegalArgumentException(
					"durationMicros must not make the span end after " + Values.MAX_TIME_TEXT + ": " + durationMicros);
		}
		status = (status != null) ? status : SpanStatus.UNSET;
		httpMethod = Values.emptyToNull(httpMethod);
		httpRoute = Values.emptyToNull(httpRoute);
		if (httpStatusCode != null && (httpStatusCode < MIN_HTTP_STATUS || httpStatusCode > MAX_HTTP_STATUS)) {
			throw new IllegalArgumentException("httpStatusCode must be between 100 and 599: " + httpStatusCode);
		}
		peerService = Values.emptyToNull(peerService);
		attributes = Attributes.copyOf(attributes);
		events = (events != null) ? List.copyOf(events) : List.of();
		links = (links != null) ? List.copyOf(links) : List.of();
		resource = Attributes.copyOf(resource);
	}

	private static String normaliseParent(String parentSpanId) {
		if (parentSpanId == null || parentSpanId.isEmpty()) {
			return null;
		}
		// Some tracers write sixteen zeros for "no parent" instead of
		// leaving the field out.
		if (parentSpanId.equals("0000000000000000")) {
			return null;
		}
		return Ids.requireSpanId(parentSpanId, "parentSpanId");
	}

	/**
	 * Returns when the span ended.
	 * @return start plus duration, in microseconds since the epoch
	 */
	public long endTimeMicros() {
		return this.startTimeMicros + this.durationMicros;
	}

	/**
	 * Returns a builder for a span.
	 * @return a new, empty builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns a builder holding this span's values, to derive a changed copy.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		return new Builder().traceId(this.traceId)
			.spanId(this.spanId)
			.parentSpanId(this.parentSpanId)
			.name(this.name)
			.kind(this.kind)
			.serviceName(this.serviceName)
			.environment(this.environment)
			.startTimeMicros(this.startTimeMicros)
			.durationMicros(this.durationMicros)
			.status(this.status)
			.httpMethod(this.httpMethod)
			.httpRoute(this.httpRoute)
			.httpStatusCode(this.httpStatusCode)
			.peerService(this.peerService)
			.attributes(this.attributes)
			.events(this.events)
			.links(this.links)
			.resource(this.resource);
	}

	/**
	 * Builds a {@link Span}; the span's constructor validates when {@link #build()} is
	 * called. Not thread-safe.
	 */
	public static final class Builder {

		private String traceId;

		private String spanId;

		private String parentSpanId;

		private String name;

		private SpanKind kind;

		private String serviceName;

		private String environment;

		private long startTimeMicros;

		private long durationMicros;

		private SpanStatus status;

		private String httpMethod;

		private String httpRoute;

		private Integer httpStatusCode;

		private String peerService;

		private final Map<String, Object> attributes = new LinkedHashMap<>();

		private final List<SpanEvent> events = new ArrayList<>();

		private final List<SpanLink> links = new ArrayList<>();

		private final Map<String, Object> resource = new LinkedHashMap<>();

		private Builder() {
		}

		public Builder traceId(String traceId) {
			this.traceId = traceId;
			return this;
		}

		public Builder spanId(String spanId) {
			this.spanId = spanId;
			return this;
		}

		public Builder parentSpanId(String parentSpanId) {
			this.parentSpanId = parentSpanId;
			return this;
		}

		public Builder name(String name) {
			this.name = name;
			return this;
		}

		public Builder kind(SpanKind kind) {
			this.kind = kind;
			return this;
		}

		public Builder serviceName(String serviceName) {
			this.serviceName = serviceName;
			return this;
		}

		public Builder environment(String environment) {
			this.environment = environment;
			return this;
		}

		public Builder startTimeMicros(long startTimeMicros) {
			this.startTimeMicros = startTimeMicros;
			return this;
		}

		public Builder durationMicros(long durationMicros) {
			this.durationMicros = durationMicros;
			return this;
		}

		public Builder status(SpanStatus status) {
			this.status = status;
			return this;
		}

		public Builder status(StatusCode code, String message) {
			return status(new SpanStatus(code, message));
		}

		public Builder httpMethod(String httpMethod) {
			this.httpMethod = httpMethod;
			return this;
		}

		public Builder httpRoute(String httpRoute) {
			this.httpRoute = httpRoute;
			return this;
		}

		public Builder httpStatusCode(Integer httpStatusCode) {
			this.httpStatusCode = httpStatusCode;
			return this;
		}

		public Builder peerService(String peerService) {
			this.peerService = peerService;
			return this;
		}

		/**
		 * Replaces the attributes.
		 * @param attributes the attributes, or {@code null} for none
		 * @return this builder
		 */
		public Builder attributes(Map<String, ?> attributes) {
			this.attributes.clear();
			if (attributes != null) {
				this.attributes.putAll(attributes);
			}
			return this;
		}

		public Builder putAttribute(String key, Object value) {
			this.attributes.put(key, value);
			return this;
		}

		/**
		 * Replaces the events.
		 * @param events the events, or {@code null} for none
		 * @return this builder
		 */
		public Builder events(List<SpanEvent> events) {
			this.events.clear();
			if (events != null) {
				this.events.addAll(events);
			}
			return this;
		}

		public Builder addEvent(SpanEvent event) {
			this.events.add(event);
			return this;
		}

		/**
		 * Replaces the links.
		 * @param links the links, or {@code null} for none
		 * @return this builder
		 */
		public Builder links(List<SpanLink> links) {
			this.links.clear();
			if (links != null) {
				this.links.addAll(links);
			}
			return this;
		}

		public Builder addLink(SpanLink link) {
			this.links.add(link);
			return this;
		}

		/**
		 * Replaces the resource attributes.
		 * @param resource the resource attributes, or {@code null} for none
		 * @return this builder
		 */
		public Builder resource(Map<String, ?> resource) {
			this.resource.clear();
			if (resource != null) {
				this.resource.putAll(resource);
			}
			return this;
		}

		public Builder putResource(String key, Object value) {
			this.resource.put(key, value);
			return this;
		}

		/**
		 * Builds the span.
		 * @return the span
		 * @throws IllegalArgumentException if the values do not make a valid span
		 */
		public Span build() {
			return new Span(this.traceId, this.spanId, this.parentSpanId, this.name, this.kind, this.serviceName,
					this.environment, this.startTimeMicros, this.durationMicros, this.status, this.httpMethod,
					this.httpRoute, this.httpStatusCode, this.peerService, this.attributes, this.events, this.links,
					this.resource);
		}

	}

}
