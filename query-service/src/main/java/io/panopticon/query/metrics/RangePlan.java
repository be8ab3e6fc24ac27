package io.panopticon.query.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Where each part of a range is read from: hourly rollups for whole hours that have a
 * one-hour marker, minute rollups for whole minutes that have a one-minute marker, and
 * raw spans for everything else (the newest part of the range, the partial minutes at its
 * edges, and any minute the aggregator has not completed). The three lists do not overlap
 * and together cover the range exactly, so that counts add up to what raw spans alone
 * would give.
 *
 * @param hours the spans read from hourly rollups, each whole hours, in time order
 * @param minutes the spans read from minute rollups, each whole minutes, in time order
 * @param raw the spans read from raw spans, in time order
 */
public record RangePlan(List<Slice> hours, List<Slice> minutes, List<Slice> raw) {

	/**
	 * Above this many separate spans of one kind, the plan falls back to fewer sources:
	 * every span becomes one clause of the Elasticsearch query, and a range patched
	 * minute by minute would make a query too large to be fast.
	 */
	static final int MAX_SLICES = 200;

	public RangePlan {
		hours = List.copyOf(hours);
		minutes = List.copyOf(minutes);
		raw = List.copyOf(raw);
	}

	/**
	 * Plans a range.
	 * @param from the start of the range, epoch milliseconds, inclusive
	 * @param to its end, exclusive
	 * @param rollupsUntil no rollup bucket ending after this time is used (now minus the
	 * rollup threshold: the newest part is always read raw, so late spans count at once)
	 * @param hourly whether hourly rollups may be used (not when the caller needs the
	 * range in pieces shorter than an hour)
	 * @param markers which buckets are complete
	 * @return the plan
	 */
	public static RangePlan of(long from, long to, long rollupsUntil, boolean hourly, Markers markers) {
		if (to <= from) {
			throw new IllegalArgumentException("empty range [" + from + ", " + to + ")");
		}
		long rollupEnd = Math.min(to, rollupsUntil);
		Builder plan = new Builder();
		long t = from;
		while (t < to) {
			if (hourly && t % Markers.HOUR == 0 && t + Markers.HOUR <= rollupEnd && markers.hasHour(t)) {
				plan.hours = append(plan.hours, t, t + Markers.HOUR);
				t += Markers.HOUR;
			}
			else if (t % Markers.MINUTE == 0 && t + Markers.MINUTE <= rollupEnd && markers.hasMinute(t)) {
				plan.minutes = append(plan.minutes, t, t + Markers.MINUTE);
				t += Markers.MINUTE;
			}
			else {
				// Up to the next whole minute, or straight to the end once no rollup can
				// follow: the loop then does not walk the newest part minute by minute.
				long next = (t >= rollupEnd) ? to
						: Math.min(to, Math.floorDiv(t, Markers.MINUTE) * Markers.MINUTE + Markers.MINUTE);
				plan.raw = append(plan.raw, t, next);
				t = next;
			}
		}
		return plan.build(from, to);
	}

	/**
	 * Plans a range read entirely from raw spans.
	 * @param from the start, epoch milliseconds
	 * @param to the end
	 * @return the plan
	 */
	public static RangePlan rawOnly(long from, long to) {
		return new RangePlan(List.of(), List.of(), List.of(new Slice(from, to)));
	}

	/**
	 * Returns whether nothing is read from rollups.
	 * @return true for a pure-raw plan
	 */
	public boolean isRawOnly() {
		return this.hours.isEmpty() && this.minutes.isEmpty();
	}

	/**
	 * Returns the part of this plan that lies in {@code [from, to)}, for queries that
	 * split a range into pieces.
	 * @param from the start, epoch milliseconds
	 * @param to the end
	 * @return the plan of that part
	 */
	public RangePlan within(long from, long to) {
		return new RangePlan(clip(this.hours, from, to), clip(this.minutes, from, to), clip(this.raw, from, to));
	}

	/**
	 * Describes the plan for operators, as the {@code X-Query-Plan} response header does.
	 * @return for example {@code hours=166 minutes=105 raw-ms=900000}
	 */
	public String describe() {
		return "hours=" + total(this.hours) / Markers.HOUR + " minutes=" + total(this.minutes) / Markers.MINUTE
				+ " raw-ms=" + total(this.raw);
	}

	private static long total(List<Slice> slices) {
		return slices.stream().mapToLong(Slice::lengthMillis).sum();
	}

	private static List<Slice> clip(List<Slice> slices, long from, long to) {
		List<Slice> clipped = new ArrayList<>();
		for (Slice slice : slices) {
			Slice part = slice.intersect(from, to);
			if (part != null) {
				clipped.add(part);
			}
		}
		return clipped;
	}

	/** Adds {@code [from, to)}, joining it to the last slice when they touch. */
	private static List<Slice> append(List<Slice> slices, long from, long to) {
		if (!slices.isEmpty() && slices.get(slices.size() - 1).toMillis() == from) {
			Slice last = slices.remove(slices.size() - 1);
			slices.add(new Slice(last.fromMillis(), to));
		}
		else {
			slices.add(new Slice(from, to));
		}
		return slices;
	}

	private static final class Builder {

		private List<Slice> hours = new ArrayList<>();

		private List<Slice> minutes = new ArrayList<>();

		private List<Slice> raw = new ArrayList<>();

		RangePlan build(long from, long to) {
			if (this.minutes.size() > MAX_SLICES) {
				// Patchy minute markers: keep the hours, read every other part raw.
				this.raw = complement(this.hours, from, to);
				this.minutes = new ArrayList<>();
			}
			if (this.raw.size() > MAX_SLICES || this.hours.size() > MAX_SLICES) {
				return rawOnly(from, to);
			}
			return new RangePlan(this.hours, this.minutes, this.raw);
		}

		private static List<Slice> complement(List<Slice> covered, long from, long to) {
			List<Slice> rest = new ArrayList<>();
			long t = from;
			for (Slice slice : covered) {
				if (slice.fromMillis() > t) {
					rest.add(new Slice(t, slice.fromMillis()));
				}
				t = slice.toMillis();
			}
			if (t < to) {
				rest.add(new Slice(t, to));
			}
			return rest;
		}

	}

}
