package io.panopticon.aggregator;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the rollup worker ({@code panopticon.aggregator.*}). How they play together
 * is described in {@code docs/architecture.md}, "Rollups (aggregator-service)".
 *
 * @param enabled whether this instance runs rollup passes at all
 * ({@code ROLLUP_AGGREGATOR_ENABLED}); a disabled instance stays healthy and idle
 * @param bucket the rollup bucket width ({@code ROLLUP_BUCKET_MINUTES}); only one minute
 * is supported, the width the rollup documents ({@code resolution: 1m}) and their readers
 * are built for
 * @param grace how long after its end a minute is first rolled up, so that spans reported
 * a little late are in the first roll-up ({@code ROLLUP_GRACE_SECONDS})
 * @param rerollWindow how far back each pass looks for spans that arrived after their
 * minute was rolled up: every closed minute this recent whose span count grew since its
 * roll-up is rolled up again ({@code ROLLUP_REROLL_MINUTES})
 * @param catchUpHorizon how far back a pass rolls up minutes that have no roll-up yet,
 * oldest first, for instance after downtime ({@code ROLLUP_CATCHUP_HOURS}); older minutes
 * are left to raw queries
 * @param interval the pause between the end of one pass and the start of the next
 * ({@code ROLLUP_INTERVAL_SECONDS})
 * @param initialDelay the pause between start-up and the first pass
 * @param edgeSlack how far before and after a minute the service-map join looks for the
 * parent or child of a span of that minute (a child usually starts milliseconds after its
 * caller's client span, and clocks of two hosts differ a little); at most the grace delay
 * and a divisor of one minute
 * @param chunkSpans about how many raw spans one unit of work reads: consecutive minutes
 * are rolled up together (up to an hour) while their spans stay below this, so that
 * catching up on quiet minutes takes few requests and busy minutes stay cheap to sort
 * @param lease the Redis lease that lets one instance at a time run a pass
 * @param index settings of the rollup indices, applied through their index template
 */
@ConfigurationProperties("panopticon.aggregator")
public record AggregatorProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1m") Duration bucket,
		@DefaultValue("15s") Duration grace, @DefaultValue("5m") Duration rerollWindow,
		@DefaultValue("24h") Duration catchUpHorizon, @DefaultValue("15s") Duration interval,
		@DefaultValue("5s") Duration initialDelay, @DefaultValue("10s") Duration edgeSlack,
		@DefaultValue("100000") long chunkSpans, @DefaultValue Lease lease, @DefaultValue Index index) {

	/**
	 * Validates the settings, so that a wrong one stops the start-up with its name.
	 * @throws IllegalArgumentException if a setting is out of range
	 */
	public AggregatorProperties {
		require(Duration.ofMinutes(1).equals(bucket),
				"panopticon.aggregator.bucket (ROLLUP_BUCKET_MINUTES) must be 1 minute, not " + bucket);
		require(!grace.isNegative(), "panopticon.aggregator.grace must not be negative, not " + grace);
		require(!rerollWindow.isNegative(),
				"panopticon.aggregator.reroll-window must not be negative, not " + rerollWindow);
		require(catchUpHorizon.compareTo(Duration.ofMinutes(1)) >= 0,
				"panopticon.aggregator.catch-up-horizon must be at least 1 minute, not " + catchUpHorizon);
		require(positive(interval), "panopticon.aggregator.interval must be positive, not " + interval);
		require(!initialDelay.isNegative(),
				"panopticon.aggregator.initial-delay must not be negative, not " + initialDelay);
		require(positive(edgeSlack) && edgeSlack.toMillis() % 1000 == 0 && 60 % edgeSlack.toSeconds() == 0,
				"panopticon.aggregator.edge-slack must be whole seconds dividing a minute (1s ... 30s), not "
						+ edgeSlack);
		require(edgeSlack.compareTo(grace) <= 0,
				"panopticon.aggregator.edge-slack (" + edgeSlack + ") must not exceed the grace delay (" + grace + ")");
		require(chunkSpans >= 1000, "panopticon.aggregator.chunk-spans must be at least 1000, not " + chunkSpans);
	}

	private static boolean positive(Duration duration) {
		return !duration.isNegative() && !duration.isZero();
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

	/**
	 * A pass runs only on the instance holding the lease, so that replicas do not repeat
	 * each other's work (their writes would be identical anyway, see
	 * {@code docs/architecture.md}).
	 *
	 * @param enabled whether to take the lease; without it, run exactly one instance
	 * (Redis is then not needed)
	 * @param key the Redis key of the lease; replicas of one deployment share it
	 * @param ttl how long the lease lasts unless renewed; a pass renews it between its
	 * units of work, so it only expires when the holder stalls or dies
	 */
	public record Lease(@DefaultValue("true") boolean enabled, @DefaultValue("panopticon:aggregator:lease") String key,
			@DefaultValue("2m") Duration ttl) {

		/**
		 * Validates the settings.
		 * @throws IllegalArgumentException if the key is blank or the ttl below 10 s
		 */
		public Lease {
			require(key != null && !key.isBlank(), "panopticon.aggregator.lease.key must not be blank");
			require(ttl.compareTo(Duration.ofSeconds(10)) >= 0,
					"panopticon.aggregator.lease.ttl must be at least 10s, not " + ttl);
		}

	}

	/**
	 * Settings of the {@code metrics-apm-1m-*} and {@code metrics-apm-1h-*} indices; they
	 * go into the index template, so a change applies from the next new index on.
	 *
	 * @param replicas replicas per shard; 0 keeps a single-node cluster green
	 * @param refreshInterval how soon written rollups become searchable
	 */
	public record Index(@DefaultValue("0") int replicas, @DefaultValue("1s") Duration refreshInterval) {

		/**
		 * Validates the settings.
		 * @throws IllegalArgumentException if replicas is negative
		 */
		public Index {
			require(replicas >= 0, "panopticon.aggregator.index.replicas must not be negative, not " + replicas);
		}

	}

}
