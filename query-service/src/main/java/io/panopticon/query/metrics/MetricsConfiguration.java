package io.panopticon.query.metrics;

import java.time.Clock;

import io.panopticon.query.QueryProperties;
import io.panopticon.query.cache.ResultCache;
import io.panopticon.storage.StorageClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Wires the metrics read path: the reader that plans and merges rollups with raw spans,
 * and the Redis result cache. Nothing here connects to a server while the context starts.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

	@Bean
	MetricsReader metricsReader(StorageClient storage, QueryProperties properties) {
		return new MetricsReader(storage, Clock.systemUTC(), properties.rollupThreshold(), properties.rollupsEnabled());
	}

	@Bean
	ResultCache metricsResultCache(StringRedisTemplate redis, JsonMapper json, QueryProperties properties) {
		return new ResultCache(redis, json, properties.cachePrefix(), properties.cacheTtl(), properties.closedAfter(),
				Clock.systemUTC());
	}

}
