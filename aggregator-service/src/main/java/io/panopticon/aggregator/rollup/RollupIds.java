package io.panopticon.aggregator.rollup;

import java.time.Instant;

import io.panopticon.storage.DocumentIds;

/**
 * Document ids of rollups and markers, derived from what they describe: hash(resolution,
 * kind, serviceName, environment, endpoint or callee, bucket start). A re-roll of a
 * bucket therefore writes the same ids and replaces the documents, and two instances
 * rolling up the same bucket write the same documents instead of adding to each other.
 * <p>
 * Built by {@link DocumentIds#hash} over the tag {@code rollup} and the fields; an absent
 * field differs from an empty one, so "no environment" is not "". The bucket start is
 * written as its epoch milliseconds in decimal. The algorithm is fixed: changing it would
 * leave the documents of an older version beside the new ones.
 */
public final class RollupIds {

	private RollupIds() {
	}

	/**
	 * Returns the id of a rollup document.
	 * @param resolution its resolution
	 * @param key its key
	 * @param bucket its bucket start
	 * @return the document id
	 */
	public static String of(Resolution resolution, RollupKey key, Instant bucket) {
		String target = (key.kind() == RollupKind.EDGE) ? key.callee() : key.endpoint();
		return hash(resolution.label(), key.kind().label(), key.serviceName(), key.environment(), target,
				Long.toString(bucket.toEpochMilli()));
	}

	/**
	 * Returns the id of the marker of a bucket.
	 * @param resolution the resolution
	 * @param bucket the bucket start
	 * @return the document id
	 */
	public static String marker(Resolution resolution, Instant bucket) {
		return hash(resolution.label(), RollupKind.MARKER.label(), null, null, null,
				Long.toString(bucket.toEpochMilli()));
	}

	private static String hash(String... fields) {
		return DocumentIds.hash("rollup", fields);
	}

}
