package io.panopticon.alert.alerting;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.panopticon.alert.notify.AlertNotification;
import io.panopticon.alert.notify.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Moves alerts through their lifecycle and hands each message to {@link Notifications}:
 * one when an alert starts firing, one per repeat interval while it fires, one when it
 * resolves. Call it inside the transaction that records the evaluation: the outbox write
 * of {@link Notifications#enqueue} then commits or rolls back with the change of state.
 * Every change is a conditional update, so replicas racing on one fingerprint notify
 * once.
 */
@Component
public class AlertLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AlertLifecycle.class);

	private final AlertStore store;

	private final ObjectProvider<Notifications> notifications;

	private final EvaluationProperties properties;

	AlertLifecycle(AlertStore store, ObjectProvider<Notifications> notifications, EvaluationProperties properties) {
		this.store = store;
		this.notifications = notifications;
		this.properties = properties;
	}

	/**
	 * Returns whether an alert whose condition holds is to be notified again: its last
	 * notification is a repeat interval old. Evaluation skips its transaction otherwise.
	 * @param alert an alert that fires
	 * @param now the evaluation time
	 * @return whether {@link #holds} would notify
	 */
	public boolean repeatDue(Alert alert, Instant now) {
		return alert.lastNotifiedAt() == null
				|| !alert.lastNotifiedAt().isAfter(now.minus(this.properties.repeatInterval()));
	}

	/**
	 * The alert's condition holds: starts the alert, or notifies again (with the latest
	 * figure) when the repeat interval has passed.
	 * @param alert what the alert is (fingerprint, names, figure); id and times are
	 * ignored
	 * @param channels where to notify
	 * @param now the evaluation time
	 */
	public void holds(Alert alert, List<Long> channels, Instant now) {
		Optional<Alert> active = this.store.findActive(alert.fingerprint());
		if (active.isEmpty()) {
			this.store.insertFiring(alert, now).ifPresent((started) -> notify(started, channels));
			return;
		}
		long id = active.get().id();
		if (this.store.claimRepeat(id, alert.burnRate(), alert.value(), alert.window(),
				now.minus(this.properties.repeatInterval()), now)) {
			this.store.find(id).ifPresent((repeated) -> notify(repeated, channels));
		}
	}

	/**
	 * The condition of a fingerprint no longer holds: resolves its alert, if any.
	 * @param fingerprint the fingerprint
	 * @param channels where to notify
	 * @param now the evaluation time
	 */
	public void ended(String fingerprint, List<Long> channels, Instant now) {
		this.store.findActive(fingerprint)
			.flatMap((alert) -> this.store.resolve(alert.id(), now))
			.ifPresent((resolved) -> notify(resolved, channels));
	}

	private void notify(Alert alert, List<Long> channels) {
		Notifications target = this.notifications.getIfAvailable();
		if (target == null) {
			log.warn("Alert {} ({}) is {}, but no notification channels are installed", alert.id(), alert.fingerprint(),
					alert.state());
			return;
		}
		if (!channels.isEmpty()) {
			target.enqueue(notification(alert), channels);
		}
	}

	AlertNotification notification(Alert alert) {
		String state = Alert.RESOLVED.equals(alert.state()) ? AlertNotification.RESOLVED : AlertNotification.FIRING;
		return new AlertNotification(Long.toString(alert.id()), alert.fingerprint(), alert.name(), state,
				alert.severity(), alert.serviceName(), alert.environment(), alert.sloId(), alert.ruleId(),
				alert.burnRate(), alert.value(), alert.window(), alert.startsAt(), alert.endsAt(),
				this.properties.linkBaseUrl() + "/alerts/" + alert.id(), alert.labels());
	}

}
