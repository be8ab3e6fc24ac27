package io.panopticon.alert.notify;

import java.time.Instant;

/**
 * One attempt to deliver a message, as {@code GET /api/channels/{id}/deliveries} shows
 * it.
 *
 * @param id the attempt's id
 * @param deliveryId the message's delivery id (the same on every attempt)
 * @param alertId the alert the message is about
 * @param attempt the attempt's number, from 1
 * @param at when it ended
 * @param outcome {@code delivered}, {@code retry} or {@code failed}
 * @param statusCode the receiver's HTTP status, if it answered
 * @param error what went wrong
 * @param durationMs how long it took
 * @param state the message's state now: {@code pending}, {@code delivered} or
 * {@code failed}
 */
public record DeliveryView(long id, String deliveryId, String alertId, int attempt, Instant at, String outcome,
		Integer statusCode, String error, long durationMs, String state) {
}
