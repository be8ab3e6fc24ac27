package io.panopticon.query;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the query API ({@code panopticon.query.*}).
 *
 * @param rollupThreshold the newest part of a range that is read from raw spans rather
 * than rollups ({@code ROLLUP_THRESHOLD_MINUTES})
 * @param cacheTtl how long results of closed ranges stay in Redis
 * ({@code METRICS_CACHE_TTL_SECONDS})
 * @param cachePrefix the Redis key prefix of cached results
 * ({@code METRICS_CACHE_PREFIX})
 * @param rollupsEnabled whether metrics read rollups at all; {@code false} computes every
 * range from raw spans ({@code ROLLUP_ENABLED})
 * @param maxRange the longest range a query may ask for
 * ({@code ROLLUP_MAX_QUERY_BUCKETS}, in minutes)
 * @param rollupGrace how long the aggregator waits after a minute ends before it rolls it
 * up; must be at least the aggregator's grace delay
 * @param rollupRerollWindow how far back the aggregator rolls minutes up again to count
 * late spans; must be at least the aggregator's. A result is cached only when its range
 * ended more than {@code rollupGrace + rollupRerollWindow} ago, since rollups newer than
 * that may still change.
 */
@ConfigurationProperties("panopticon.query")
public record QueryProperties(@DefaultValue("15m") Duration rollupThreshold, @DefaultValue("60s") Duration cacheTtl,
		@DefaultValue("apm:metrics:") String cachePrefix, @DefaultValue("true") boolean rollupsEnabled,
		@DefaultValue("30d") Duration maxRange, @DefaultValue("15s") Duration rollupGrace,
		@DefaultValue("5m") Duration rollupRerollWindow) {

	/**
	 * Returns how long after its end a range is closed: nothing it covers can change any
	 * more.
	 * @return the grace delay plus the re-roll window
	 */
	public Duration closedAfter() {
		return this.rollupGrace.plus(this.rollupRerollWindow);
	}

}
