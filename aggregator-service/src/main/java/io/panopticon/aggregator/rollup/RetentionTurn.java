package io.panopticon.aggregator.rollup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Runs the retention job (which deletes expired indices of every family) at most once per
 * interval, from a rollup pass that holds the lease, so that one replica at a time
 * deletes. The first run is due at once.
 * <p>
 * Not thread-safe: passes of one instance never overlap.
 */
final class RetentionTurn {

	/** Never runs anything: retention is disabled. */
	static final RetentionTurn NONE = new RetentionTurn(() -> {
	}, Duration.ofDays(365_000), Clock.systemUTC());

	private final Runnable job;

	private final Duration interval;

	private final Clock clock;

	private Instant next = Instant.MIN;

	/**
	 * Creates the turn.
	 * @param job deletes expired indices; expected not to throw
	 * @param interval the least time between two runs
	 * @param clock tells the time
	 */
	RetentionTurn(Runnable job, Duration interval, Clock clock) {
		this.job = Objects.requireNonNull(job, "job");
		this.interval = Objects.requireNonNull(interval, "interval");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * Runs the job if the interval has passed since the last run.
	 * @return whether it ran
	 */
	boolean runIfDue() {
		Instant now = this.clock.instant();
		if (this == NONE || now.isBefore(this.next)) {
			return false;
		}
		this.next = now.plus(this.interval);
		try {
			this.job.run();
		}
		catch (RuntimeException ex) {
			// The job logs its own failures; nothing may keep the lease from being
			// released.
		}
		return true;
	}

}
