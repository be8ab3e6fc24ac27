package io.panopticon.aggregator.rollup;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A lease in Redis: a key holding the holder's random token with a time to live, taken
 * with {@code SET key token NX PX ttl}, renewed and released by scripts that touch the
 * key only while it still holds this holder's token, so that an instance whose lease
 * expired never extends or deletes another instance's.
 * <p>
 * Not thread-safe: one pass at a time holds it.
 */
final class RedisLease implements PassLease {

	private static final RedisScript<Long> RENEW = RedisScript.of("""
			if redis.call('get', KEYS[1]) == ARGV[1] then
			  return redis.call('pexpire', KEYS[1], ARGV[2])
			end
			return 0""", Long.class);

	private static final RedisScript<Long> RELEASE = RedisScript.of("""
			if redis.call('get', KEYS[1]) == ARGV[1] then
			  return redis.call('del', KEYS[1])
			end
			return 0""", Long.class);

	private final StringRedisTemplate redis;

	private final String key;

	private final Duration ttl;

	private String token;

	/**
	 * Creates a lease.
	 * @param redis the Redis client
	 * @param key the key replicas share
	 * @param ttl how long the lease lasts unless renewed
	 */
	RedisLease(StringRedisTemplate redis, String key, Duration ttl) {
		this.redis = redis;
		this.key = key;
		this.ttl = ttl;
	}

	@Override
	public boolean acquire() {
		String candidate = UUID.randomUUID().toString();
		if (Boolean.TRUE.equals(this.redis.opsForValue().setIfAbsent(this.key, candidate, this.ttl))) {
			this.token = candidate;
			return true;
		}
		return false;
	}

	@Override
	public void renew() {
		Long renewed = (this.token != null)
				? this.redis.execute(RENEW, List.of(this.key), this.token, Long.toString(this.ttl.toMillis())) : null;
		if (renewed == null || renewed == 0) {
			this.token = null;
			throw new LeaseLostException("the rollup lease " + this.key + " expired during the pass");
		}
	}

	@Override
	public void release() {
		if (this.token != null) {
			try {
				this.redis.execute(RELEASE, List.of(this.key), this.token);
			}
			finally {
				this.token = null;
			}
		}
	}

}
