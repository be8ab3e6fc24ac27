package io.panopticon.storage.sli;

import java.util.List;

/**
 * Where each minute of a range is read from: minute rollups for the minutes the
 * aggregator marked complete, raw spans for every other part (the newest minutes, which
 * are rolled up some 15–30 s after they end, and any gap). The two lists do not overlap
 * and together cover the range, so the counts add up to what raw spans alone would give.
 *
 * @param range the whole range
 * @param rollups the parts read from minute rollups, whole minutes, in time order
 * @param raw the parts read from raw spans, in time order
 */
public record Coverage(TimeRange range, List<TimeRange> rollups, List<TimeRange> raw) {

	public Coverage {
		rollups = List.copyOf(rollups);
		raw = List.copyOf(raw);
	}

	/**
	 * Returns a coverage that reads everything from raw spans.
	 * @param range the range
	 * @return the coverage
	 */
	public static Coverage rawOnly(TimeRange range) {
		return new Coverage(range, List.of(), List.of(range));
	}

}
