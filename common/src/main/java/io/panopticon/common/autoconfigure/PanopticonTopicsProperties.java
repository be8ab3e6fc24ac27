package io.panopticon.common.autoconfigure;

import io.panopticon.common.storage.Topics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Kafka topic names ({@code panopticon.topics.*}; the original variables
 * {@code KAFKA_APM_SPAN_TOPIC}, {@code KAFKA_APM_LOG_TOPIC} and
 * {@code KAFKA_APM_LOG_ERROR_TOPIC} set them too). Dead-letter topics are derived:
 * {@code <topic>.dlq}.
 *
 * @param spans the topic spans are read from
 * @param logs the topic log events are read from
 * @param logsError the topic indexed ERROR and FATAL log events are published to
 */
@ConfigurationProperties("panopticon.topics")
public record PanopticonTopicsProperties(@DefaultValue(Topics.SPANS) String spans,
		@DefaultValue(Topics.LOGS) String logs, @DefaultValue(Topics.LOGS_ERROR) String logsError) {

	/**
	 * Checks the names.
	 * @throws IllegalArgumentException if a name is blank
	 */
	public PanopticonTopicsProperties {
		SettingChecks.text(spans, "panopticon.topics.spans");
		SettingChecks.text(logs, "panopticon.topics.logs");
		SettingChecks.text(logsError, "panopticon.topics.logs-error");
	}

	/** The dead-letter topic of the span topic. */
	public String spansDeadLetter() {
		return Topics.deadLetterOf(this.spans);
	}

	/** The dead-letter topic of the log topic. */
	public String logsDeadLetter() {
		return Topics.deadLetterOf(this.logs);
	}

}
