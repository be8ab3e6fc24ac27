package io.panopticon.storage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces retention by deleting whole time-based indices: an index is deleted once every
 * event it can hold is older than its family's retention
 * ({@link IndexFamily#isEntirelyBefore} with {@code now - retention}). Deleting an index
 * is far cheaper than deleting documents, and needs no ILM, which not every cluster has.
 * <p>
 * Safe by construction: only open, non-hidden indices whose names parse as a dated index
 * of a family are considered, so foreign and misnamed indices, data streams and their
 * backing indices are never touched; and because retention is positive, the cutoff lies
 * before now, so the current day's (month's) index, which ends after now, is never
 * deleted. Several instances may run it at once: an index another instance deleted first
 * is simply gone.
 * <p>
 * Not thread-safe against itself; the scheduler runs it on one thread.
 */
public final class RetentionJob implements Runnable {

	private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

	private final StorageClient client;

	private final Map<IndexFamily, Duration> retention;

	private final Clock clock;

	/**
	 * Creates the job.
	 * @param client the storage client
	 * @param retention the retention of each family; every family must have one
	 * @param clock tells the time
	 * @throws IllegalArgumentException if a family has no retention or a retention is not
	 * positive
	 */
	public RetentionJob(StorageClient client, Map<IndexFamily, Duration> retention, Clock clock) {
		this.client = client;
		this.retention = checked(retention);
		this.clock = clock;
	}

	/**
	 * Returns a copy of a retention map after checking it.
	 * @param retention the retention of each family
	 * @return the copy, in family order
	 * @throws IllegalArgumentException if a family has no retention or a retention is not
	 * positive
	 */
	static Map<IndexFamily, Duration> checked(Map<IndexFamily, Duration> retention) {
		Map<IndexFamily, Duration> checked = new EnumMap<>(IndexFamily.class);
		for (IndexFamily family : IndexFamily.values()) {
			Duration duration = retention.get(family);
			if (duration == null || duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException(
						"retention of " + family.pattern() + " must be positive, not " + duration);
			}
			checked.put(family, duration);
		}
		return checked;
	}

	@Override
	public void run() {
		deleteExpiredIndices();
	}

	/**
	 * Deletes the expired indices of every family. Never throws: a family whose indices
	 * cannot be listed, or an index that cannot be deleted, is logged and retried on the
	 * next run.
	 * @return the indices this run deleted
	 */
	public List<String> deleteExpiredIndices() {
		Instant now = this.clock.instant();
		List<String> deleted = new ArrayList<>();
		for (Map.Entry<IndexFamily, Duration> entry : this.retention.entrySet()) {
			IndexFamily family = entry.getKey();
			Duration retention = entry.getValue();
			Instant cutoff = now.minus(retention);
			List<String> indices;
			try {
				indices = list(family);
			}
			catch (RuntimeException ex) {
				log.warn("Retention of {} skipped this time: could not list its indices: {}", family.pattern(),
						ex.toString());
				continue;
			}
			for (String index : indices) {
				if (family.isEntirelyBefore(index, cutoff) && delete(index, retention)) {
					deleted.add(index);
				}
			}
		}
		return deleted;
	}

	private List<String> list(IndexFamily family) {
		return this.client.indices(family.pattern());
	}

	private boolean delete(String index, Duration retention) {
		try {
			if (!this.client.deleteIndex(index)) {
				// Another instance deleted it first.
				return false;
			}
			log.info("Deleted index {}: all of it is older than the retention of {}", index, describe(retention));
			return true;
		}
		catch (StorageException ex) {
			log.warn("Could not delete expired index {}: {}", index, ex.getMessage());
			return false;
		}
		catch (RuntimeException ex) {
			log.warn("Could not delete expired index {}: {}", index, ex.toString());
			return false;
		}
	}

	private static String describe(Duration duration) {
		return (duration.toHours() % 24 == 0 && duration.toSeconds() % 3600 == 0) ? duration.toDays() + " days"
				: duration.toString();
	}

}
