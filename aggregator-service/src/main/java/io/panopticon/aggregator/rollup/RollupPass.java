package io.panopticon.aggregator.rollup;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.panopticon.aggregator.AggregatorProperties;
import io.panopticon.aggregator.rollup.RollupPlanner.PlannedMinute;
import io.panopticon.aggregator.rollup.RollupPlanner.Window;
import io.panopticon.storage.StorageClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the aggregator: finds the minutes to roll up ({@link RollupPlanner}), rolls
 * them up oldest first in units of consecutive minutes of one hour, and merges every hour
 * whose 60 minutes are all rolled up into hourly rollups.
 * <p>
 * A unit of minutes: count their spans (the counts go into the markers, so they are taken
 * before anything is read); delete the markers of minutes rolled up before, and of their
 * hour, so that readers fall back to raw spans while the rollups change; compute the
 * endpoint and service rollups (a composite aggregation) and the service-map edges (a
 * join over spans sorted by trace); replace the minutes' rollups; write their markers. An
 * hour: merge its minute rollups (a composite aggregation over them), replace its hourly
 * rollups, write its marker. A marker is written only after every rollup of its bucket
 * was acknowledged, so a pass that stops half-way leaves buckets without markers, which
 * the next pass rolls up again.
 * <p>
 * Not thread-safe: one pass at a time per instance, and across instances one at a time
 * through the lease, which {@code keepAlive} renews between steps.
 */
public final class RollupPass {

	private static final Logger log = LoggerFactory.getLogger(RollupPass.class);

	private final RollupStore store;

	private final RollupPlanner planner;

	private final long chunkSpans;

	private final AggregatorMetrics metrics;

	private final Clock clock;

	/**
	 * Creates a pass.
	 * @param store the storage calls
	 * @param planner decides the minutes
	 * @param chunkSpans about how many raw spans one unit of minutes reads
	 * @param metrics the meters
	 * @param clock tells the time written into markers
	 */
	RollupPass(RollupStore store, RollupPlanner planner, long chunkSpans, AggregatorMetrics metrics, Clock clock) {
		this.store = Objects.requireNonNull(store, "store");
		this.planner = Objects.requireNonNull(planner, "planner");
		this.chunkSpans = chunkSpans;
		this.metrics = Objects.requireNonNull(metrics, "metrics");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * Creates a pass from the aggregator's settings.
	 * @param storage the storage client
	 * @param properties the settings
	 * @param metrics the meters
	 * @param clock tells the time written into markers
	 * @return the pass
	 */
	public static RollupPass of(StorageClient storage, AggregatorProperties properties, AggregatorMetrics metrics,
			Clock clock) {
		RollupStore store = new RollupStore(storage, properties.edgeSlack());
		RollupPlanner planner = new RollupPlanner(properties.grace(), properties.rerollWindow(),
				properties.catchUpHorizon());
		return new RollupPass(store, planner, properties.chunkSpans(), metrics, clock);
	}

	/**
	 * Runs a pass.
	 * @param now the time the pass plans for
	 * @param keepAlive called between steps; throws to stop the pass (the lease was lost)
	 * @return what the pass did
	 */
	public Result run(Instant now, Runnable keepAlive) {
		Window window = this.planner.window(now);
		if (window.isEmpty()) {
			return new Result(0, 0, 0, 0, null);
		}
		Instant firstHour = Resolution.HOUR.floor(window.start());
		// Markers written by the previous pass (maybe another instance's) must be seen.
		this.store.refresh(Resolution.MINUTE, window.start(), window.end());
		this.store.refresh(Resolution.HOUR, firstHour, window.end());
		Map<Instant, SpanCounts> marked = new HashMap<>(this.store.minuteMarkers(window.start(), window.end()));
		Set<Instant> hoursMarked = new HashSet<>(this.store.hourMarkers(firstHour, window.end()));
		Map<Instant, SpanCounts> current = Map.of();
		if (window.recheckStart().isBefore(window.end())) {
			current = this.store.spanCounts(window.recheckStart(), window.end());
		}
		List<PlannedMinute> plan = this.planner.plan(window, marked, current);
		if (plan.size() > 5) {
			log.info("Rolling up {} minutes from {} to {}", plan.size(), plan.get(0).minute(),
					plan.get(plan.size() - 1).minute());
		}
		Progress progress = new Progress(marked, hoursMarked);
		int next = 0;
		while (next < plan.size()) {
			keepAlive.run();
			next = rollUnit(plan, next, progress, keepAlive);
		}
		// Hours left unmerged, for instance by a pass that stopped after its minutes.
		for (Instant hour = firstHour; !hour.plus(Resolution.HOUR.width()).isAfter(window.end()); hour = hour
			.plus(Resolution.HOUR.width())) {
			if (!hoursMarked.contains(hour) && progress.isComplete(hour)) {
				keepAlive.run();
				mergeHour(hour, progress);
			}
		}
		Instant newest = marked.keySet().stream().max(Instant::compareTo).orElse(null);
		if (newest != null) {
			this.metrics.newestRolledMinute(newest);
		}
		return new Result(progress.minutes, progress.lateMinutes, progress.hours, progress.documents, newest);
	}

	/**
	 * Rolls up the consecutive minutes of one hour starting at {@code plan[first]}, as
	 * many as fit into the span budget (at least one).
	 * @return the index of the first minute not rolled up
	 */
	private int rollUnit(List<PlannedMinute> plan, int first, Progress progress, Runnable keepAlive) {
		Instant hour = Resolution.HOUR.floor(plan.get(first).minute());
		int end = first + 1;
		while (end < plan.size() && plan.get(end).minute().equals(plan.get(end - 1).minute().plusSeconds(60))
				&& Resolution.HOUR.floor(plan.get(end).minute()).equals(hour)) {
			end++;
		}
		Map<Instant, SpanCounts> counts = this.store.spanCounts(plan.get(first).minute(),
				plan.get(end - 1).minute().plusSeconds(60));
		long budget = 0;
		int stop = first;
		while (stop < end
				&& (stop == first || budget + counts.get(plan.get(stop).minute()).windowSpans() <= this.chunkSpans)) {
			budget += counts.get(plan.get(stop).minute()).windowSpans();
			stop++;
		}
		List<PlannedMinute> unit = plan.subList(first, stop);
		rollMinutes(unit, counts, progress, keepAlive);
		if (progress.isComplete(hour)) {
			keepAlive.run();
			mergeHour(hour, progress);
		}
		return stop;
	}

	private void rollMinutes(List<PlannedMinute> minutes, Map<Instant, SpanCounts> counts, Progress progress,
			Runnable keepAlive) {
		Instant from = minutes.get(0).minute();
		Instant to = minutes.get(minutes.size() - 1).minute().plusSeconds(60);
		Instant hour = Resolution.HOUR.floor(from);
		long started = System.nanoTime();
		List<Instant> late = new ArrayList<>();
		for (PlannedMinute minute : minutes) {
			if (minute.late()) {
				late.add(minute.minute());
				progress.marked.remove(minute.minute());
			}
		}
		// Readers use raw spans for buckets without a marker: remove the markers
		// before the rollups change, so nobody reads a half-replaced bucket.
		if (!late.isEmpty()) {
			this.store.deleteMarkers(Resolution.MINUTE, late);
		}
		if (progress.hoursMarked.remove(hour)) {
			this.store.deleteMarkers(Resolution.HOUR, List.of(hour));
		}
		RollupSet rollups = new RollupSet(Resolution.MINUTE);
		this.store.addRequestRollups(from, to, rollups);
		RollupStore.EdgeJoin join = this.store.addEdgeRollups(from, to, rollups);
		if (join.truncatedTraces() > 0) {
			this.metrics.truncatedTraces(join.truncatedTraces());
		}
		keepAlive.run();
		Instant rolledAt = this.clock.instant();
		int written = this.store.replace(Resolution.MINUTE, from, to, rollups.all(), rolledAt);
		keepAlive.run();
		Map<Instant, SpanCounts> markers = new LinkedHashMap<>();
		for (PlannedMinute minute : minutes) {
			markers.put(minute.minute(), counts.get(minute.minute()));
		}
		this.store.writeMarkers(Resolution.MINUTE, markers, rolledAt);
		progress.marked.putAll(markers);
		progress.minutes += minutes.size();
		progress.lateMinutes += late.size();
		progress.documents += written;
		this.metrics.minutesRolled(minutes.size() - late.size(), late.size());
		this.metrics.documentsWritten(Resolution.MINUTE, written);
		log.debug("Rolled up {} minutes from {} ({} late): {} spans joined, {} rollups, {} ms", minutes.size(), from,
				late.size(), join.spans(), written, (System.nanoTime() - started) / 1_000_000);
	}

	private void mergeHour(Instant hour, Progress progress) {
		Instant end = hour.plus(Resolution.HOUR.width());
		this.store.refresh(Resolution.MINUTE, hour, end);
		RollupSet rollups = new RollupSet(Resolution.HOUR);
		this.store.addHourRollups(hour, rollups);
		Instant rolledAt = this.clock.instant();
		int written = this.store.replace(Resolution.HOUR, hour, end, rollups.all(), rolledAt);
		this.store.writeMarkers(Resolution.HOUR, Collections.singletonMap(hour, null), rolledAt);
		progress.hoursMarked.add(hour);
		progress.hours++;
		progress.documents += written;
		this.metrics.hourMerged();
		this.metrics.documentsWritten(Resolution.HOUR, written);
	}

	/** What a pass knows and did so far. */
	private static final class Progress {

		final Map<Instant, SpanCounts> marked;

		final Set<Instant> hoursMarked;

		int minutes;

		int lateMinutes;

		int hours;

		long documents;

		Progress(Map<Instant, SpanCounts> marked, Set<Instant> hoursMarked) {
			this.marked = marked;
			this.hoursMarked = hoursMarked;
		}

		boolean isComplete(Instant hour) {
			for (int i = 0; i < 60; i++) {
				if (!this.marked.containsKey(hour.plusSeconds(60L * i))) {
					return false;
				}
			}
			return true;
		}

	}

	/**
	 * What a pass did.
	 *
	 * @param minutes minutes rolled up, late ones included
	 * @param lateMinutes minutes rolled up again because of late spans
	 * @param hours hours merged
	 * @param documents rollup documents written (markers not counted)
	 * @param newestRolled the newest minute with a marker, or {@code null} when none
	 */
	public record Result(int minutes, int lateMinutes, int hours, long documents, Instant newestRolled) {
	}

}
