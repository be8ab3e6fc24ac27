package io.panopticon.alert.notify;

import java.time.Instant;
import java.util.Map;

/**
 * One message about an alert, as every channel renders it: the alert fired, still fires
 * (a repeat), or resolved. Exactly one of {@code sloId} and {@code ruleId} is set;
 * {@code burnRate} is set for SLO alerts, {@code value} for rule alerts.
 *
 * @param alertId the alert's id (stable while it fires)
 * @param fingerprint the rule or SLO with its labels: one alert per fingerprint
 * @param name the SLO's or rule's name
 * @param state {@code firing} or {@code resolved}
 * @param severity {@code info}, {@code warning} or {@code critical}
 * @param serviceName the service concerned, or {@code null} for a platform rule
 * @param environment the environment, or {@code null} for all
 * @param sloId the SLO that fired, or {@code null}
 * @param ruleId the rule that fired, or {@code null}
 * @param burnRate the burn rate over the alert's long window, or {@code null}
 * @param value the rule's metric value, or {@code null}
 * @param window the window the figure was taken over, for example {@code 1h}
 * @param startsAt when the alert started firing
 * @param endsAt when it resolved, or {@code null} while it fires
 * @param link where a person sees the alert
 * @param labels the SLO's or rule's labels
 */
public record AlertNotification(String alertId, String fingerprint, String name, String state, String severity,
		String serviceName, String environment, Long sloId, Long ruleId, Double burnRate, Double value, String window,
		Instant startsAt, Instant endsAt, String link, Map<String, String> labels) {

	/** The state of an alert that fires. */
	public static final String FIRING = "firing";

	/** The state of an alert that ended. */
	public static final String RESOLVED = "resolved";

}
