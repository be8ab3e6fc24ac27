package io.panopticon.query.metrics;

import java.util.HashSet;
import java.util.Set;

/**
 * Which rollup buckets are complete: the aggregator writes a marker document for a minute
 * (or an hour) only after every rollup of that bucket was stored, so rollups are read
 * only for marked buckets and every other minute of a range is computed from raw spans.
 * <p>
 * Immutable once built.
 */
public final class Markers {

	/** No bucket is complete: everything is read from raw spans. */
	public static final Markers NONE = new Markers(Set.of(), Set.of(), Set.of());

	static final long MINUTE = 60_000L;

	static final long HOUR = 3_600_000L;

	private final Set<Long> hours;

	private final Set<Long> fullHours;

	private final Set<Long> minutes;

	/**
	 * @param hours starts of the hours that have a one-hour marker
	 * @param fullHours starts of the hours whose every minute of interest has a
	 * one-minute marker
	 * @param minutes starts of further minutes that have a one-minute marker
	 */
	Markers(Set<Long> hours, Set<Long> fullHours, Set<Long> minutes) {
		this.hours = Set.copyOf(hours);
		this.fullHours = Set.copyOf(fullHours);
		this.minutes = Set.copyOf(minutes);
	}

	/**
	 * Returns whether the hour starting at {@code hourStart} has a one-hour marker.
	 * @param hourStart epoch milliseconds, a whole hour
	 * @return whether its hourly rollups are complete
	 */
	public boolean hasHour(long hourStart) {
		return this.hours.contains(hourStart);
	}

	/**
	 * Returns whether the minute starting at {@code minuteStart} has a one-minute marker.
	 * @param minuteStart epoch milliseconds, a whole minute
	 * @return whether its minute rollups are complete
	 */
	public boolean hasMinute(long minuteStart) {
		return this.fullHours.contains(Math.floorDiv(minuteStart, HOUR) * HOUR) || this.minutes.contains(minuteStart);
	}

	/**
	 * Builds markers.
	 */
	static final class Builder {

		private final Set<Long> hours = new HashSet<>();

		private final Set<Long> fullHours = new HashSet<>();

		private final Set<Long> minutes = new HashSet<>();

		Builder hour(long hourStart) {
			this.hours.add(hourStart);
			return this;
		}

		Builder fullHour(long hourStart) {
			this.fullHours.add(hourStart);
			return this;
		}

		Builder minute(long minuteStart) {
			this.minutes.add(minuteStart);
			return this;
		}

		Markers build() {
			return new Markers(this.hours, this.fullHours, this.minutes);
		}

	}

}
