package io.panopticon.query;

import java.time.Duration;

import io.panopticon.common.autoconfigure.SettingChecks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the query API ({@code panopticon.query.*}).
 *
 * @param rollupThreshold the newest part of a range that is read from raw spans rather
 * than rollups ({@code ROLLUP_THRESHOLD_MINUTES})
 * @param cacheTtl how long results of closed ranges stay in Redis
 * ({@code ROLLUP_CACHE_TTL_SECONDS} or {@code METRICS_CACHE_TTL_SECONDS})
 * @param cachePrefix the Redis key prefix of cached results ({@code ROLLUP_CACHE_PREFIX}
 * or {@code METRICS_CACHE_PREFIX})
 * @param rollupsEnabled whether metrics read rollups at all; {@code false} computes every
 * range from raw spans ({@code ROLLUP_ENABLED})
 * @param maxRange the longest range a query may ask for
 * ({@code ROLLUP_MAX_QUERY_BUCKETS}, in minutes)
 * @param rollupGrace how long the aggregator waits after a minute ends before it rolls it
 * up; must be at least the aggregator's grace delay ({@code ROLLUP_GRACE_SECONDS})
 * @param rollupRerollWindow how far back the aggregator rolls minutes up again to count
 * late spans; must be at least the aggregator's ({@code ROLLUP_REROLL_MINUTES}). A result
 * is cached only when its range ended more than {@code rollupGrace + rollupRerollWindow}
 * ago, since rollups newer than that may still change.
 * @param serviceMapRollupThreshold the newest part of a service map that is read from raw
 * spans even where rollups exist. Linking calls in raw spans means reading every span, so
 * by default ({@code 0s}) the map reads every minute the aggregator has rolled up from
 * its rollups, and only the minutes it has not (about the newest one and a half) raw; a
 * late span then counts once the aggregator rolls its minute up again, within its re-roll
 * window.
 */
@ConfigurationProperties("panopticon.query")
public record QueryProperties(@DefaultValue("15m") Duration rollupThreshold, @DefaultValue("60s") Duration cacheTtl,
		@DefaultValue("apm:metrics:") String cachePrefix, @DefaultValue("true") boolean rollupsEnabled,
		@DefaultValue("30d") Duration maxRange, @DefaultValue("15s") Duration rollupGrace,
		@DefaultValue("5m") Duration rollupRerollWindow, @DefaultValue("0s") Duration serviceMapRollupThreshold) {

	/**
	 * Checks the settings, so that a wrong one stops the start-up with its name.
	 * @throws IllegalArgumentException if a setting is out of range
	 */
	public QueryProperties {
		SettingChecks.positive(rollupThreshold, "panopticon.query.rollup-threshold");
		SettingChecks.positive(cacheTtl, "panopticon.query.cache-ttl");
		SettingChecks.require(cachePrefix != null, "panopticon.query.cache-prefix must be set");
		SettingChecks.positive(maxRange, "panopticon.query.max-range");
		SettingChecks.notNegative(rollupGrace, "panopticon.query.rollup-grace");
		SettingChecks.notNegative(rollupRerollWindow, "panopticon.query.rollup-reroll-window");
		SettingChecks.notNegative(serviceMapRollupThreshold, "panopticon.query.service-map-rollup-threshold");
	}

	/**
	 * Returns how long after its end a range is closed: nothing it covers can change any
	 * more.
	 * @return the grace delay plus the re-roll window
	 */
	public Duration closedAfter() {
		return this.rollupGrace.plus(this.rollupRerollWindow);
	}

}
