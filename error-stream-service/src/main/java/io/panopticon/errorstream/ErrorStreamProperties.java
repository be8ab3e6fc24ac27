package io.panopticon.errorstream;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the error stream ({@code panopticon.error-stream.*}).
 *
 * @param wsPath the STOMP WebSocket endpoint ({@code ERROR_STREAM_WS_PATH})
 * @param kafkaClientId the Kafka client id prefix; the instance id is appended
 * ({@code ERROR_STREAM_KAFKA_CLIENT_ID})
 * @param kafkaGroupId the consumer group prefix; each instance appends its own id so that
 * every instance reads every error log ({@code ERROR_STREAM_KAFKA_GROUP_ID})
 * @param instanceId this instance's id in its consumer group and client id; blank means a
 * random one per start, so that a restarted instance starts at the newest error log
 * instead of replaying what it missed (clients fill gaps with the catch-up endpoint)
 * @param subscriptionRateLimit the most error logs one subscription receives per second;
 * above it events are counted and summarised in a {@code suppressed} message instead
 * @param summaryInterval how often pending {@code suppressed} summaries are sent
 * @param sendBufferLimit the most bytes waiting to be sent to one session; a session that
 * falls further behind is disconnected as a slow client
 * @param sendTimeLimit the longest one send to a session may take; a session whose send
 * takes longer is disconnected as a slow client
 * @param sendThreads threads writing to sessions; a slow client holds one for at most
 * {@code sendTimeLimit}
 * @param heartbeat how often the server sends a STOMP heart-beat when the client asks for
 * them (it never sends more often than this); zero turns server heart-beats off
 * @param connectTimeout how long a new WebSocket connection may take to send its CONNECT
 * frame before it is closed
 * @param maxSubscriptionsPerSession the most subscriptions one session may hold
 * @param recentMaxLimit the largest {@code limit} the catch-up endpoint accepts
 * @param recentMaxAge how far back the catch-up endpoint searches: an older {@code since}
 * is moved up to now minus this (the raw logs' retention by default)
 */
@ConfigurationProperties("panopticon.error-stream")
public record ErrorStreamProperties(@DefaultValue("/ws/error-logs") String wsPath,
		@DefaultValue("panopticon-error-stream") String kafkaClientId,
		@DefaultValue("panopticon-error-stream") String kafkaGroupId, @DefaultValue("") String instanceId,
		@DefaultValue("50") int subscriptionRateLimit, @DefaultValue("1s") Duration summaryInterval,
		@DefaultValue("512KB") DataSize sendBufferLimit, @DefaultValue("10s") Duration sendTimeLimit,
		@DefaultValue("8") int sendThreads, @DefaultValue("10s") Duration heartbeat,
		@DefaultValue("10s") Duration connectTimeout, @DefaultValue("100") int maxSubscriptionsPerSession,
		@DefaultValue("1000") int recentMaxLimit, @DefaultValue("7d") Duration recentMaxAge) {

	/**
	 * Checks the settings, so that a wrong one stops the start-up with its name.
	 * @throws IllegalArgumentException if a setting is out of range
	 */
	public ErrorStreamProperties {
		requireText(wsPath, "ws-path");
		requireText(kafkaClientId, "kafka-client-id");
		requireText(kafkaGroupId, "kafka-group-id");
		requirePositive(subscriptionRateLimit, "subscription-rate-limit");
		requirePositive(summaryInterval, "summary-interval");
		requirePositive(sendTimeLimit, "send-time-limit");
		requirePositive(sendThreads, "send-threads");
		requirePositive(connectTimeout, "connect-timeout");
		requirePositive(maxSubscriptionsPerSession, "max-subscriptions-per-session");
		requirePositive(recentMaxLimit, "recent-max-limit");
		requirePositive(recentMaxAge, "recent-max-age");
		if (sendBufferLimit.toBytes() < 1024) {
			throw new IllegalArgumentException("panopticon.error-stream.send-buffer-limit must be at least 1KB");
		}
		if (heartbeat.isNegative()) {
			throw new IllegalArgumentException("panopticon.error-stream.heartbeat must not be negative");
		}
		if (!wsPath.startsWith("/")) {
			throw new IllegalArgumentException("panopticon.error-stream.ws-path must start with '/'");
		}
		instanceId = (instanceId != null) ? instanceId.trim() : "";
	}

	private static void requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("panopticon.error-stream." + name + " must not be blank");
		}
	}

	private static void requirePositive(long value, String name) {
		if (value < 1) {
			throw new IllegalArgumentException("panopticon.error-stream." + name + " must be at least 1");
		}
	}

	private static void requirePositive(Duration value, String name) {
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("panopticon.error-stream." + name + " must be positive");
		}
	}

}
