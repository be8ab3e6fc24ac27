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
 */
@ConfigurationProperties("panopticon.query")
public record QueryProperties(@DefaultValue("15m") Duration rollupThreshold, @DefaultValue("60s") Duration cacheTtl,
		@DefaultValue("apm:metrics:") String cachePrefix) {
}
