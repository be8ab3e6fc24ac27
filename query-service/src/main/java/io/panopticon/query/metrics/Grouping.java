package io.panopticon.query.metrics;

/**
 * How figures are grouped.
 *
 * @param kind what a group is
 * @param intervalMillis the width of a time bucket, for {@link Kind#TIME} only
 */
public record Grouping(Kind kind, long intervalMillis) {

	/** One group per service. */
	public static final Grouping SERVICE = new Grouping(Kind.SERVICE, 0);

	/** One group per endpoint of a service. */
	public static final Grouping ENDPOINT = new Grouping(Kind.ENDPOINT, 0);

	/** One group per caller and callee; rollups only. */
	public static final Grouping EDGE = new Grouping(Kind.EDGE, 0);

	public Grouping {
		if (kind == Kind.TIME && (intervalMillis <= 0 || intervalMillis % Markers.MINUTE != 0)) {
			throw new IllegalArgumentException("a time grouping needs whole minutes, not " + intervalMillis + " ms");
		}
	}

	/**
	 * Groups by time bucket, aligned to the epoch.
	 * @param intervalMillis the bucket width, whole minutes
	 * @return the grouping
	 */
	public static Grouping time(long intervalMillis) {
		return new Grouping(Kind.TIME, intervalMillis);
	}

	/**
	 * Returns whether hourly rollups fit this grouping: time buckets must hold whole
	 * hours.
	 * @return whether hourly rollups may be read
	 */
	boolean allowsHourly() {
		return this.kind != Kind.TIME || this.intervalMillis % Markers.HOUR == 0;
	}

	/** What a group is. */
	public enum Kind {

		/** A service: key {@code serviceName}. */
		SERVICE,

		/** An endpoint: key {@code endpoint}. */
		ENDPOINT,

		/** A call edge: key caller and callee, see {@link MetricsQuery#edgeKey}. */
		EDGE,

		/** A time bucket: key its start in epoch milliseconds. */
		TIME

	}

}
