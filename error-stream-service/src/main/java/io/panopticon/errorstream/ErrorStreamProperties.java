package io.panopticon.errorstream;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the error stream ({@code panopticon.error-stream.*}).
 *
 * @param wsPath the STOMP WebSocket endpoint ({@code ERROR_STREAM_WS_PATH})
 * @param kafkaClientId the Kafka client id ({@code ERROR_STREAM_KAFKA_CLIENT_ID})
 * @param kafkaGroupId the consumer group prefix; each instance appends its own id so that
 * every instance reads every error log ({@code ERROR_STREAM_KAFKA_GROUP_ID})
 */
@ConfigurationProperties("panopticon.error-stream")
public record ErrorStreamProperties(@DefaultValue("/ws/error-logs") String wsPath,
		@DefaultValue("panopticon-error-stream") String kafkaClientId,
		@DefaultValue("panopticon-error-stream") String kafkaGroupId) {
}
