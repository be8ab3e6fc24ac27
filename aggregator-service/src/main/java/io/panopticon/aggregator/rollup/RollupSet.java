package io.panopticon.aggregator.rollup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The rollups of one unit of work while they are added up: one {@link Rollup} per bucket
 * and key, created on first use. Not thread-safe.
 */
final class RollupSet {

	private final Resolution resolution;

	private final NavigableMap<Instant, Map<RollupKey, Rollup>> buckets = new TreeMap<>();

	RollupSet(Resolution resolution) {
		this.resolution = resolution;
	}

	/**
	 * Returns the rollup of a key in a bucket, creating an empty one if needed.
	 * @param bucket the bucket start
	 * @param key the key
	 * @return the rollup
	 */
	Rollup get(Instant bucket, RollupKey key) {
		return this.buckets.computeIfAbsent(bucket, (start) -> new HashMap<>())
			.computeIfAbsent(key, (k) -> new Rollup(this.resolution, bucket, k));
	}

	/**
	 * Returns every rollup, by bucket.
	 * @return the rollups
	 */
	List<Rollup> all() {
		List<Rollup> all = new ArrayList<>();
		this.buckets.values().forEach((rollups) -> all.addAll(rollups.values()));
		return all;
	}

}
