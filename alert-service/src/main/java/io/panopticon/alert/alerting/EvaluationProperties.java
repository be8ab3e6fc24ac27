package io.panopticon.alert.alerting;

import java.time.Duration;

import io.panopticon.common.autoconfigure.SettingChecks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of alert evaluation ({@code panopticon.alert.evaluation.*}).
 *
 * @param enabled whether this instance evaluates SLOs at all (replicas share the work
 * either way, through the claim in PostgreSQL)
 * @param interval how often each SLO is evaluated; a burn-rate alert fires at the first
 * evaluation where both of its windows exceed its factor
 * @param repeatInterval how often a firing alert is notified again
 * @param batchSize the most SLOs one replica claims per turn
 * @param linkBaseUrl where people see alerts: a notification links to
 * {@code <linkBaseUrl>/alerts/<id>}
 */
@ConfigurationProperties("panopticon.alert.evaluation")
public record EvaluationProperties(@DefaultValue("true") boolean enabled, @DefaultValue("15s") Duration interval,
		@DefaultValue("4h") Duration repeatInterval, @DefaultValue("500") int batchSize,
		@DefaultValue("http://localhost:3000") String linkBaseUrl) {

	/**
	 * Checks the settings, so that a wrong one stops the start-up with its name.
	 * @throws IllegalArgumentException if an interval or the batch size is not positive,
	 * or the interval is under a second
	 */
	public EvaluationProperties {
		SettingChecks.positive(interval, "panopticon.alert.evaluation.interval");
		SettingChecks.require(interval.toMillis() >= 1000,
				"panopticon.alert.evaluation.interval must be at least 1s, not " + interval);
		SettingChecks.positive(repeatInterval, "panopticon.alert.evaluation.repeat-interval");
		SettingChecks.positive(batchSize, "panopticon.alert.evaluation.batch-size");
		SettingChecks.require(linkBaseUrl != null && !linkBaseUrl.isBlank(),
				"panopticon.alert.evaluation.link-base-url must be set");
		linkBaseUrl = linkBaseUrl.strip().replaceAll("/+$", "");
	}

}
