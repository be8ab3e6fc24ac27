package io.panopticon.common.security;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public keys of a {@link KeySource}, read lazily on the first token and kept. A
 * token with an unknown {@code kid} (a key rotated in elsewhere) reloads them, and so
 * does a lookup after {@code maxAge}; reloads are at most one per
 * {@code minReloadInterval}, so a flood of tokens with made-up {@code kid}s cannot flood
 * the source. A lookup of an unknown {@code kid} that comes within that interval of the
 * last read waits for the next allowed read (at most the interval, outside any lock)
 * rather than failing: a key rotated in just after a read is then found by its first
 * token instead of being refused until the interval ends. When the source cannot be read
 * the keys already known stay in use, so a service keeps verifying while alert-service is
 * down. Thread-safe.
 */
public final class PublicKeyCache {

	private static final Logger log = LoggerFactory.getLogger(PublicKeyCache.class);

	private final KeySource source;

	private final Clock clock;

	private final Duration maxAge;

	private final Duration minReloadInterval;

	private volatile Map<String, PublicKey> keys = Map.of();

	private volatile Instant loadedAt = Instant.MIN;

	private Instant attemptedAt = Instant.MIN;

	private final Sleeper sleeper;

	/**
	 * @param source where the keys come from
	 * @param clock the time source
	 * @param maxAge how long keys are used before a lookup reloads them
	 * @param minReloadInterval the shortest time between two reads of the source
	 */
	public PublicKeyCache(KeySource source, Clock clock, Duration maxAge, Duration minReloadInterval) {
		this(source, clock, maxAge, minReloadInterval, (duration) -> Thread.sleep(duration.toMillis() + 1));
	}

	PublicKeyCache(KeySource source, Clock clock, Duration maxAge, Duration minReloadInterval, Sleeper sleeper) {
		this.source = Objects.requireNonNull(source, "source");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.maxAge = maxAge;
		this.minReloadInterval = minReloadInterval;
		this.sleeper = sleeper;
	}

	public PublicKeyCache(KeySource source) {
		this(source, Clock.systemUTC(), Duration.ofMinutes(10), Duration.ofSeconds(1));
	}

	/**
	 * The key with this id, reloading the keys if it is unknown or they are old.
	 * @param kid the key id of a token's header
	 * @return the key, or null if the source does not know it
	 */
	public PublicKey find(String kid) {
		PublicKey key = this.keys.get(kid);
		if (key != null && this.clock.instant().isBefore(this.loadedAt.plus(this.maxAge))) {
			return key;
		}
		if (!reload() && key == null) {
			awaitNextReload();
			reload();
		}
		return this.keys.get(kid);
	}

	/** Forgets the keys, so that the next lookup reloads them. */
	public synchronized void invalidate() {
		this.loadedAt = Instant.MIN;
		this.attemptedAt = Instant.MIN;
	}

	/**
	 * Reads the keys unless the last read was less than {@code minReloadInterval} ago.
	 * @return whether the source was read (successfully or not)
	 */
	private synchronized boolean reload() {
		Instant now = this.clock.instant();
		if (now.isBefore(this.attemptedAt.plus(this.minReloadInterval))) {
			return false;
		}
		this.attemptedAt = now;
		try {
			this.keys = Map.copyOf(this.source.keys());
			this.loadedAt = now;
		}
		catch (Exception ex) {
			log.warn("Could not read the token verification keys ({} known keys stay in use): {}", this.keys.size(),
					ex.toString());
		}
		return true;
	}

	private void awaitNextReload() {
		Instant next;
		synchronized (this) {
			next = this.attemptedAt.plus(this.minReloadInterval);
		}
		Duration wait = Duration.between(this.clock.instant(), next);
		if (wait.isNegative() || wait.isZero() || wait.compareTo(this.minReloadInterval) > 0) {
			return;
		}
		try {
			this.sleeper.sleep(wait);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Waits; a seam for tests that move a clock instead. */
	@FunctionalInterface
	interface Sleeper {

		void sleep(Duration duration) throws InterruptedException;

	}

}
