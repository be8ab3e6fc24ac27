package io.panopticon.ingest;

import io.panopticon.common.autoconfigure.SettingChecks;
import io.panopticon.common.storage.Topics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Consuming the topics the OpenTelemetry Collector's {@code kafka} exporter writes
 * ({@code panopticon.ingest.otlp-kafka.*}): each record value is one OTLP export request,
 * converted as the OTLP receivers convert it and stored by the same pipeline. Each signal
 * is off unless enabled.
 *
 * @param spans the trace topic ({@code PANOPTICON_INGEST_OTLPKAFKA_SPANS_*})
 * @param logs the logs topic ({@code PANOPTICON_INGEST_OTLPKAFKA_LOGS_*})
 */
@ConfigurationProperties(OtlpKafkaProperties.PREFIX)
public record OtlpKafkaProperties(@DefaultValue Topic spans, @DefaultValue Topic logs) {

	/** The settings' prefix. */
	public static final String PREFIX = "panopticon.ingest.otlp-kafka";

	/** The exporter's default trace topic. */
	static final String DEFAULT_SPANS_TOPIC = "otlp_spans";

	/** The exporter's default logs topic. */
	static final String DEFAULT_LOGS_TOPIC = "otlp_logs";

	/**
	 * Checks the settings, so that a wrong one stops the start-up with its name.
	 * @throws IllegalArgumentException if a topic name is blank or a dead-letter topic
	 */
	public OtlpKafkaProperties {
		spans = spans.orTopic(DEFAULT_SPANS_TOPIC);
		logs = logs.orTopic(DEFAULT_LOGS_TOPIC);
		spans.check(PREFIX + ".spans");
		logs.check(PREFIX + ".logs");
		SettingChecks.require(!spans.enabled() || !logs.enabled() || !spans.topic().equals(logs.topic()),
				PREFIX + ".spans.topic and .logs.topic must differ, not both " + spans.topic());
	}

	/**
	 * How the record values are encoded: the kafka exporter's {@code encoding} setting.
	 */
	public enum Encoding {

		/** Binary protobuf, the exporter's default. */
		OTLP_PROTO,

		/** OTLP/JSON, as OTLP/HTTP's {@code application/json}. */
		OTLP_JSON

	}

	/**
	 * One signal's topic.
	 *
	 * @param enabled whether ingest-service consumes the topic; default {@code false}
	 * @param topic the topic: the exporter's {@code traces.topic} or {@code logs.topic};
	 * default {@code otlp_spans} and {@code otlp_logs}, the exporter's defaults
	 * @param encoding the encoding of records that carry no {@code content-type} header:
	 * the exporter's {@code encoding}, default {@code otlp_proto}
	 */
	public record Topic(@DefaultValue("false") boolean enabled, String topic,
			@DefaultValue("otlp_proto") Encoding encoding) {

		/** This topic, with the given name when none is set. */
		Topic orTopic(String name) {
			return (this.topic != null) ? this : new Topic(this.enabled, name, this.encoding);
		}

		void check(String prefix) {
			SettingChecks.text(this.topic, prefix + ".topic");
			SettingChecks.require(!this.topic.endsWith(Topics.DEAD_LETTER_SUFFIX),
					prefix + ".topic must not be a dead-letter topic, not " + this.topic);
			SettingChecks.require(this.encoding != null, prefix + ".encoding must be otlp_proto or otlp_json");
		}

	}

}
