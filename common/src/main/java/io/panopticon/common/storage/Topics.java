package io.panopticon.common.storage;

/**
 * Kafka topic names and the dead-letter conventions every service shares.
 * <p>
 * The names here are defaults; deployments may rename the topics, and a renamed topic
 * {@code X} dead-letters to {@code X.dlq}. A dead-lettered value is the offending item as
 * JSON (or the raw bytes when the record value does not parse) with the {@code DLQ_*}
 * headers, whose values are UTF-8 strings.
 */
public final class Topics {

	/** Spans in the Kafka JSON format, keyed by trace id. */
	public static final String SPANS = "apm.spans";

	/** Log events in the Kafka JSON format. */
	public static final String LOGS = "apm.logs";

	/**
	 * Indexed ERROR and FATAL log events, normalised, with their document id; keyed by
	 * service.
	 */
	public static final String LOGS_ERROR = "apm.logs.error";

	/** What a dead-letter topic's name adds to its source topic's name. */
	public static final String DEAD_LETTER_SUFFIX = ".dlq";

	/**
	 * Header: why the item was dead-lettered, for example {@code "traceId: is required"}.
	 */
	public static final String DLQ_REASON = "panopticon.dlq.reason";

	/**
	 * Header: the offending fields, comma-separated ({@code $} for the value as a whole).
	 */
	public static final String DLQ_FIELD = "panopticon.dlq.field";

	/** Header: the topic the record was read from. */
	public static final String DLQ_SOURCE_TOPIC = "panopticon.dlq.source-topic";

	/** Header: the partition the record was read from, in decimal. */
	public static final String DLQ_SOURCE_PARTITION = "panopticon.dlq.source-partition";

	/** Header: the offset of the record, in decimal. */
	public static final String DLQ_SOURCE_OFFSET = "panopticon.dlq.source-offset";

	/**
	 * Header of a log record: the document id of one log event, repeated once per event
	 * in the order of the events in the value (the receivers set it, so that a client's
	 * retry of a request stores every event once).
	 */
	public static final String EVENT_ID = "panopticon.event-id";

	private Topics() {
	}

	/**
	 * Returns the dead-letter topic of a topic.
	 * @param topic the source topic, for example {@code apm.spans}
	 * @return the dead-letter topic, for example {@code apm.spans.dlq}
	 * @throws IllegalArgumentException if {@code topic} is {@code null} or blank
	 */
	public static String deadLetterOf(String topic) {
		if (topic == null || topic.isBlank()) {
			throw new IllegalArgumentException("topic must not be blank");
		}
		return topic + DEAD_LETTER_SUFFIX;
	}

}
