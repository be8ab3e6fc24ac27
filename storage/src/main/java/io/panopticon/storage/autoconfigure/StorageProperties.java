package io.panopticon.storage.autoconfigure;

import java.time.Duration;
import java.util.Map;

import io.panopticon.common.autoconfigure.SettingChecks;
import io.panopticon.storage.IndexFamily;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the stored data that more than one service reads.
 *
 * @param retention how long each index family is kept
 * @param useIsm whether to install, on OpenSearch, one Index State Management policy per
 * index family that deletes its indices after the family's retention ({@code USE_ISM});
 * nothing is installed on Elasticsearch or on a cluster without the ISM plugin. The
 * retention job still runs unless {@code panopticon.storage.retention.enabled} is
 * {@code false}; both deleting is harmless
 */
@ConfigurationProperties("panopticon.storage")
public record StorageProperties(@DefaultValue Retention retention, @DefaultValue("false") boolean useIsm) {

	/**
	 * Whole daily (for hourly rollups, monthly) indices are deleted once every event they
	 * can hold is older than their family's retention. aggregator-service deletes them,
	 * one replica at a time under its rollup lease; ingest-service refuses spans and logs
	 * older than their family's retention, which would land in an index about to go.
	 *
	 * @param enabled whether aggregator-service deletes expired indices
	 * @param spans retention of {@code traces-apm-*}
	 * @param logs retention of {@code logs-apm-*}
	 * @param metrics1m retention of {@code metrics-apm-1m-*}
	 * ({@code panopticon.storage.retention.metrics-1m})
	 * @param metrics1h retention of {@code metrics-apm-1h-*}
	 * ({@code panopticon.storage.retention.metrics-1h})
	 * @param interval the least time between two runs
	 */
	public record Retention(@DefaultValue("true") boolean enabled, @DefaultValue("7d") Duration spans,
			@DefaultValue("7d") Duration logs, @DefaultValue("30d") Duration metrics1m,
			@DefaultValue("395d") Duration metrics1h, @DefaultValue("1h") Duration interval) {

		/**
		 * Checks the settings, so that a wrong one stops the start-up with its name.
		 * @throws IllegalArgumentException if a retention or the interval is not positive
		 */
		public Retention {
			SettingChecks.positive(spans, "panopticon.storage.retention.spans");
			SettingChecks.positive(logs, "panopticon.storage.retention.logs");
			SettingChecks.positive(metrics1m, "panopticon.storage.retention.metrics-1m");
			SettingChecks.positive(metrics1h, "panopticon.storage.retention.metrics-1h");
			SettingChecks.positive(interval, "panopticon.storage.retention.interval");
		}

		/**
		 * Returns the retention of every family.
		 * @return the retention by family
		 */
		public Map<IndexFamily, Duration> byFamily() {
			return Map.of(IndexFamily.TRACES, this.spans, IndexFamily.LOGS, this.logs, IndexFamily.METRICS_1M,
					this.metrics1m, IndexFamily.METRICS_1H, this.metrics1h);
		}

	}

}
