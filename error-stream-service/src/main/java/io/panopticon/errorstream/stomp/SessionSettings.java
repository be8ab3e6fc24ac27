package io.panopticon.errorstream.stomp;

import io.panopticon.errorstream.ErrorStreamProperties;

/**
 * What every session of an instance is allowed, taken from {@link ErrorStreamProperties}.
 *
 * @param rateLimit the most error logs a subscription receives per second
 * @param maxSubscriptions the most subscriptions a session may hold
 * @param heartbeatMillis the shortest interval of server heart-beats, 0 for none
 * @param connectTimeoutNanos how long a connection may wait before its CONNECT
 * @param sendBufferLimit the most characters waiting for one session
 * @param sendTimeLimitNanos the longest one write to a session may take
 */
public record SessionSettings(int rateLimit, int maxSubscriptions, long heartbeatMillis, long connectTimeoutNanos,
		long sendBufferLimit, long sendTimeLimitNanos) {

	/**
	 * The settings of the properties.
	 * @param properties the error stream's properties
	 * @return the settings
	 */
	public static SessionSettings of(ErrorStreamProperties properties) {
		return new SessionSettings(properties.subscriptionRateLimit(), properties.maxSubscriptionsPerSession(),
				properties.heartbeat().toMillis(), properties.connectTimeout().toNanos(),
				properties.sendBufferLimit().toBytes(), properties.sendTimeLimit().toNanos());
	}

}
