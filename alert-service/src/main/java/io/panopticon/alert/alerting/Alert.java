package io.panopticon.alert.alerting;

import java.time.Instant;
import java.util.Map;

/**
 * An alert and where it is in its lifecycle (pending, for rules only, then firing, then
 * resolved). At most one alert per fingerprint is not resolved.
 *
 * @param id its id
 * @param fingerprint the SLO or rule with its labels
 * @param name the SLO's or rule's name
 * @param serviceName the service, or null for a platform rule
 * @param environment the environment, or null
 * @param sloId the SLO that raised it, or null
 * @param ruleId the rule that raised it, or null
 * @param labels its labels
 * @param state {@code pending}, {@code firing} or {@code resolved}
 * @param severity {@code info}, {@code warning} or {@code critical}
 * @param startsAt when it started firing
 * @param endsAt when it resolved, or null
 * @param burnRate for an SLO alert, the burn rate over {@code window} when it was last
 * notified
 * @param value for a rule alert, the value when it was last notified
 * @param window the window of {@code burnRate} or {@code value}
 * @param lastNotifiedAt when its last notification was queued
 * @param notifications how many notifications were queued for it
 * @param acknowledgedAt when someone acknowledged it, or null
 * @param acknowledgedBy who (a token subject), or null
 */
public record Alert(long id, String fingerprint, String name, String serviceName, String environment, Long sloId,
		Long ruleId, Map<String, String> labels, String state, String severity, Instant startsAt, Instant endsAt,
		Double burnRate, Double value, String window, Instant lastNotifiedAt, int notifications, Instant acknowledgedAt,
		String acknowledgedBy) {

	/** The state of an alert whose condition holds but not yet long enough (rules). */
	public static final String PENDING = "pending";

	/** The state of an alert that fires. */
	public static final String FIRING = "firing";

	/** The state of an alert that ended. */
	public static final String RESOLVED = "resolved";

}
