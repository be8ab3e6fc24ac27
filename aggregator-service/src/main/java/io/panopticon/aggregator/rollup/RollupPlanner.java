package io.panopticon.aggregator.rollup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides which minutes a pass rolls up. A minute is closed once its end lies the grace
 * delay in the past. Of the closed minutes within the catch-up horizon, a pass rolls up,
 * oldest first:
 * <ul>
 * <li>every minute without a marker: never rolled up (new, or missed while no instance
 * ran), or left half-done by an instance that stopped;</li>
 * <li>every minute of the re-roll window (the most recent closed minutes) whose spans
 * grew since its roll-up: late spans. Span documents are only ever added, so comparing
 * the count of what the roll-up read with the count now finds every late span, and
 * minutes without late spans cost one count.</li>
 * </ul>
 * Pure functions of their arguments; thread-safe.
 */
final class RollupPlanner {

	private final Duration grace;

	private final Duration rerollWindow;

	private final Duration catchUpHorizon;

	/**
	 * Creates a planner.
	 * @param grace how long after its end a minute is closed
	 * @param rerollWindow how far back late spans are looked for
	 * @param catchUpHorizon how far back minutes are rolled up at all
	 */
	RollupPlanner(Duration grace, Duration rerollWindow, Duration catchUpHorizon) {
		this.grace = Objects.requireNonNull(grace, "grace");
		this.rerollWindow = Objects.requireNonNull(rerollWindow, "rerollWindow");
		this.catchUpHorizon = Objects.requireNonNull(catchUpHorizon, "catchUpHorizon");
	}

	/**
	 * Returns the minutes a pass starting now considers.
	 * @param now the current time
	 * @return the window
	 */
	Window window(Instant now) {
		Instant end = Resolution.MINUTE.floor(now.minus(this.grace));
		Instant start = Resolution.MINUTE.floor(now.minus(this.catchUpHorizon));
		if (start.isAfter(end)) {
			start = end;
		}
		Instant recheck = end.minus(this.rerollWindow);
		return new Window(start, end, recheck.isBefore(start) ? start : Resolution.MINUTE.floor(recheck));
	}

	/**
	 * Returns the minutes to roll up, oldest first.
	 * @param window the window of the pass
	 * @param marked the span counts recorded in the markers of the window's minutes that
	 * have one
	 * @param current the span counts now of the marked minutes of the re-roll window
	 * @return the minutes
	 */
	List<PlannedMinute> plan(Window window, Map<Instant, SpanCounts> marked, Map<Instant, SpanCounts> current) {
		List<PlannedMinute> planned = new ArrayList<>();
		for (Instant minute = window.start(); minute.isBefore(window.end()); minute = minute.plusSeconds(60)) {
			SpanCounts rolled = marked.get(minute);
			if (rolled == null) {
				planned.add(new PlannedMinute(minute, false));
			}
			else if (!minute.isBefore(window.recheckStart())) {
				// Only growth counts: a count that shrank means the raw index was
				// deleted by retention, and the rollups are all that is left of it.
				SpanCounts now = current.getOrDefault(minute, SpanCounts.NONE);
				if (now.windowSpans() > rolled.windowSpans()) {
					planned.add(new PlannedMinute(minute, true));
				}
			}
		}
		return planned;
	}

	/**
	 * The minutes a pass considers.
	 *
	 * @param start the oldest minute within the catch-up horizon
	 * @param end the end of the newest closed minute, exclusive
	 * @param recheckStart the oldest minute of the re-roll window
	 */
	record Window(Instant start, Instant end, Instant recheckStart) {

		boolean isEmpty() {
			return !this.start.isBefore(this.end);
		}

	}

	/**
	 * A minute to roll up.
	 *
	 * @param minute the minute
	 * @param late whether it was rolled up before and late spans arrived since
	 */
	record PlannedMinute(Instant minute, boolean late) {
	}

}
