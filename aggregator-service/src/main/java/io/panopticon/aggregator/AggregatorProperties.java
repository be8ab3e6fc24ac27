package io.panopticon.aggregator;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the rollup worker ({@code panopticon.aggregator.*}).
 *
 * @param enabled whether this instance rolls up at all
 * ({@code ROLLUP_AGGREGATOR_ENABLED})
 * @param bucket the rollup bucket width ({@code ROLLUP_BUCKET_MINUTES})
 */
@ConfigurationProperties("panopticon.aggregator")
public record AggregatorProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1m") Duration bucket) {
}
