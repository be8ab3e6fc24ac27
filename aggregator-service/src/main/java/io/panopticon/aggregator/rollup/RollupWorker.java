package io.panopticon.aggregator.rollup;

import java.time.Clock;
import java.util.Objects;

import io.panopticon.storage.RollupTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs rollup passes: takes the lease, makes sure the index template is installed, runs a
 * {@link RollupPass}, deletes expired indices when that is due ({@link RetentionTurn}),
 * gives the lease back. Retention runs under the lease too, so one replica at a time
 * deletes. Scheduled with a fixed delay; also callable directly. A pass that fails
 * (Elasticsearch or Redis unreachable, a refused request) is logged and left to the next
 * one: it wrote no marker for what it did not finish.
 * <p>
 * Thread-safe: passes of one instance never overlap.
 */
public final class RollupWorker implements Runnable {

	private static final Logger log = LoggerFactory.getLogger(RollupWorker.class);

	private final RollupPass pass;

	private final PassLease lease;

	private final RollupTemplate template;

	private final AggregatorMetrics metrics;

	private final RetentionTurn retention;

	private final Clock clock;

	private boolean failing;

	/**
	 * Creates a worker.
	 * @param pass the pass to run
	 * @param lease coordinates instances
	 * @param template the rollup index template, installed before the first write
	 * @param metrics the meters
	 * @param retention deletes expired indices when due
	 * @param clock tells the time passes plan for
	 */
	RollupWorker(RollupPass pass, PassLease lease, RollupTemplate template, AggregatorMetrics metrics,
			RetentionTurn retention, Clock clock) {
		this.pass = Objects.requireNonNull(pass, "pass");
		this.lease = Objects.requireNonNull(lease, "lease");
		this.template = Objects.requireNonNull(template, "template");
		this.metrics = Objects.requireNonNull(metrics, "metrics");
		this.retention = Objects.requireNonNull(retention, "retention");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	@Override
	public void run() {
		runPass();
	}

	/**
	 * Runs one pass now, unless another instance holds the lease.
	 * @return what happened
	 */
	public synchronized Outcome runPass() {
		long started = System.nanoTime();
		boolean held = false;
		try {
			held = this.lease.acquire();
			if (!held) {
				this.metrics.pass("skipped", System.nanoTime() - started);
				log.debug("Another instance holds the rollup lease; pass skipped");
				return new Outcome(Outcome.Status.SKIPPED, null);
			}
			this.template.ensureInstalled();
			RollupPass.Result result = this.pass.run(this.clock.instant(), this.lease::renew);
			long millis = (System.nanoTime() - started) / 1_000_000;
			this.metrics.pass("done", System.nanoTime() - started);
			if (this.failing) {
				this.failing = false;
				log.info("Rollup passes work again");
			}
			if (result.minutes() > 0 || result.hours() > 0) {
				log.info("Rolled up {} minutes ({} late) and {} hours, {} rollup documents, in {} ms; newest minute {}",
						result.minutes(), result.lateMinutes(), result.hours(), result.documents(), millis,
						result.newestRolled());
			}
			return new Outcome(Outcome.Status.DONE, result);
		}
		catch (RuntimeException ex) {
			this.metrics.pass("failed", System.nanoTime() - started);
			if (!this.failing) {
				this.failing = true;
				log.warn("Rollup pass failed, retrying with the next pass: {}", ex.toString());
			}
			else {
				log.debug("Rollup pass failed again", ex);
			}
			return new Outcome(Outcome.Status.FAILED, null);
		}
		finally {
			if (held) {
				// Also after a failed pass: retention does not depend on rollups.
				this.retention.runIfDue();
				try {
					this.lease.release();
				}
				catch (RuntimeException ex) {
					// It expires by itself.
					log.debug("Could not release the rollup lease: {}", ex.toString());
				}
			}
		}
	}

	/**
	 * What a call of {@link #runPass()} did.
	 *
	 * @param status whether the pass ran, was skipped, or failed
	 * @param result what it did when it ran, else {@code null}
	 */
	public record Outcome(Status status, RollupPass.Result result) {

		/** Whether a pass ran. */
		public enum Status {

			/** The pass ran to its end. */
			DONE,

			/** Another instance held the lease. */
			SKIPPED,

			/** The pass stopped with an error; the next one takes over. */
			FAILED

		}

	}

}
