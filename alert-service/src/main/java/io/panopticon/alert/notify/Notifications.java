package io.panopticon.alert.notify;

import java.util.Collection;

/**
 * Where alert evaluation hands its messages over. Delivery is durable and asynchronous:
 * the message is written to an outbox in the caller's transaction and sent at least once
 * by one replica, so an evaluation that commits never loses its notification.
 */
public interface Notifications {

	/**
	 * Queues a message for each of the channels.
	 * @param notification what to say
	 * @param channelIds the channels to say it to (unknown or deleted ones are skipped)
	 */
	void enqueue(AlertNotification notification, Collection<Long> channelIds);

}
