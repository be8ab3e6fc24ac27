package io.panopticon.query.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.ResponseEntity;

/**
 * Caches query results in Redis, for closed ranges only: a range is closed when it ended
 * more than {@code closedAfter} (the aggregator's grace delay plus its re-roll window)
 * ago, so that nothing it covers can change any more. An open range is always computed.
 * <p>
 * The cache never fails a query: when Redis errs or is slow (the client's command timeout
 * is short), the query is computed as if the cache were empty, a warning is logged, and
 * Redis is left alone for {@link #PAUSE} so that an outage does not add a timeout to
 * every request.
 * <p>
 * Answers carry {@code X-Cache: HIT}, {@code MISS} (computed, and stored if Redis took
 * it) or {@code BYPASS} (open range, or the cache paused). Thread-safe.
 */
public final class ResultCache {

	/** The response header saying how the cache was used. */
	public static final String CACHE_HEADER = "X-Cache";

	/** The response header describing where a computed answer came from. */
	public static final String PLAN_HEADER = "X-Query-Plan";

	/** How long Redis is left alone after a failure. */
	static final Duration PAUSE = Duration.ofSeconds(10);

	private static final Logger log = LoggerFactory.getLogger(ResultCache.class);

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final String prefix;

	private final Duration ttl;

	private final Duration closedAfter;

	private final Clock clock;

	private volatile Instant pausedUntil = Instant.MIN;

	/**
	 * @param redis the Redis client
	 * @param json writes and reads the cached values
	 * @param prefix the key prefix ({@code METRICS_CACHE_PREFIX})
	 * @param ttl how long a value stays ({@code METRICS_CACHE_TTL_SECONDS})
	 * @param closedAfter how long after its end a range is closed
	 * @param clock the time
	 */
	public ResultCache(StringRedisTemplate redis, JsonMapper json, String prefix, Duration ttl, Duration closedAfter,
			Clock clock) {
		this.redis = Objects.requireNonNull(redis, "redis");
		this.json = Objects.requireNonNull(json, "json");
		this.prefix = Objects.requireNonNull(prefix, "prefix");
		this.ttl = Objects.requireNonNull(ttl, "ttl");
		this.closedAfter = Objects.requireNonNull(closedAfter, "closedAfter");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * Answers a query from the cache, or computes it and caches the result when its range
	 * is closed.
	 * @param <T> the type of the answer
	 * @param kind what is asked, part of the key (for example {@code services})
	 * @param rangeEnd the end of the range the answer covers
	 * @param parameters everything else the answer depends on, part of the key
	 * @param type the type of the answer, to read a cached one
	 * @param compute computes the answer
	 * @return the answer with the {@code X-Cache} header, and {@code X-Query-Plan} when
	 * computed
	 */
	public <T> ResponseEntity<T> answer(String kind, Instant rangeEnd, Map<String, ?> parameters, Class<T> type,
			Supplier<Result<T>> compute) {
		if (!isClosed(rangeEnd) || isPaused()) {
			return respond(compute.get(), "BYPASS");
		}
		String key = key(kind, parameters);
		Optional<T> cached = read(key, type);
		if (cached.isPresent()) {
			return ResponseEntity.ok().header(CACHE_HEADER, "HIT").body(cached.get());
		}
		Result<T> result = compute.get();
		write(key, result.body());
		return respond(result, "MISS");
	}

	/**
	 * Returns whether a range ending at {@code rangeEnd} is closed.
	 * @param rangeEnd the end of the range
	 * @return whether answers about it may be cached
	 */
	public boolean isClosed(Instant rangeEnd) {
		return !rangeEnd.isAfter(this.clock.instant().minus(this.closedAfter));
	}

	/**
	 * Returns the Redis key of an answer: the prefix, the kind and a digest of the
	 * parameters in name order.
	 * @param kind what is asked
	 * @param parameters what the answer depends on; {@code null} values are left out
	 * @return the key
	 */
	String key(String kind, Map<String, ?> parameters) {
		StringBuilder canonical = new StringBuilder(kind);
		new TreeMap<>(parameters).forEach((name, value) -> {
			if (value != null) {
				canonical.append('\n').append(name).append('=').append(value);
			}
		});
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
			return this.prefix + kind + ":" + HexFormat.of().formatHex(digest, 0, 20);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	private <T> Optional<T> read(String key, Class<T> type) {
		String value;
		try {
			value = this.redis.opsForValue().get(key);
		}
		catch (RuntimeException ex) {
			failed("read", ex);
			return Optional.empty();
		}
		if (value == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(this.json.readValue(value, type));
		}
		catch (JacksonException ex) {
			// Written by another version of the service: computed again and replaced.
			log.debug("Ignoring unreadable cached value {}: {}", key, ex.toString());
			return Optional.empty();
		}
	}

	private void write(String key, Object value) {
		if (isPaused()) {
			return;
		}
		try {
			this.redis.opsForValue().set(key, this.json.writeValueAsString(value), this.ttl);
		}
		catch (RuntimeException ex) {
			failed("write", ex);
		}
	}

	private boolean isPaused() {
		return this.clock.instant().isBefore(this.pausedUntil);
	}

	private void failed(String what, RuntimeException ex) {
		this.pausedUntil = this.clock.instant().plus(PAUSE);
		log.warn("Result cache could not {} ({}); answering without it for {}", what, ex.toString(), PAUSE);
	}

	private static <T> ResponseEntity<T> respond(Result<T> result, String cache) {
		return ResponseEntity.ok().header(CACHE_HEADER, cache).header(PLAN_HEADER, result.plan()).body(result.body());
	}

	/**
	 * A computed answer.
	 *
	 * @param <T> its type
	 * @param body the answer
	 * @param plan where it came from, see {@code RangePlan.describe()}
	 */
	public record Result<T>(T body, String plan) {
	}

}
