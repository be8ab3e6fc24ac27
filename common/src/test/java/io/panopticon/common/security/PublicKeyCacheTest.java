package io.panopticon.common.security;

import java.io.IOException;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PublicKeyCacheTest {

	private static final PublicKey K1 = rsa();

	private static final PublicKey K2 = rsa();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));

	private final AtomicInteger reads = new AtomicInteger();

	private final AtomicReference<Map<String, PublicKey>> published = new AtomicReference<>(Map.of("k1", K1));

	private final AtomicReference<IOException> failure = new AtomicReference<>();

	private final PublicKeyCache cache = new PublicKeyCache(() -> {
		this.reads.incrementAndGet();
		if (this.failure.get() != null) {
			throw this.failure.get();
		}
		return this.published.get();
	}, this.clock, Duration.ofMinutes(10), Duration.ofSeconds(10), this.clock::advance);

	@Test
	void readsLazilyOnceAndKeepsTheKeys() {
		assertThat(this.reads).hasValue(0);
		assertThat(this.cache.find("k1")).isEqualTo(K1);
		assertThat(this.cache.find("k1")).isEqualTo(K1);
		assertThat(this.reads).hasValue(1);
	}

	@Test
	void unknownKidReloadsAtMostOncePerInterval() {
		this.cache.find("k1");
		this.published.set(Map.of("k1", K1, "k2", K2));
		this.clock.advance(Duration.ofSeconds(11));
		assertThat(this.cache.find("k2")).isEqualTo(K2);
		Instant afterRead = this.clock.instant();
		assertThat(this.cache.find("made-up-1")).isNull();
		assertThat(this.cache.find("made-up-2")).isNull();
		// Each made-up kid waited for the next allowed read: two reads, twenty seconds.
		assertThat(this.reads).hasValue(4);
		assertThat(Duration.between(afterRead, this.clock.instant())).isEqualTo(Duration.ofSeconds(20));
	}

	@Test
	void aKeyRotatedInJustAfterAReadIsFoundByItsFirstToken() {
		this.cache.find("k1");
		this.clock.advance(Duration.ofSeconds(2));
		this.published.set(Map.of("k1", K1, "k2", K2));
		assertThat(this.cache.find("k2")).isEqualTo(K2);
		assertThat(this.reads).hasValue(2);
		assertThat(this.clock.instant()).isEqualTo(Instant.parse("2026-12-01T00:00:10Z"));
	}

	@Test
	void aKnownKeyNeverWaits() {
		this.cache.find("k1");
		Instant before = this.clock.instant();
		for (int i = 0; i < 5; i++) {
			assertThat(this.cache.find("k1")).isEqualTo(K1);
		}
		assertThat(this.clock.instant()).isEqualTo(before);
		assertThat(this.reads).hasValue(1);
	}

	@Test
	void keepsKnownKeysWhileTheSourceIsDown() {
		this.cache.find("k1");
		this.failure.set(new IOException("connection refused"));
		this.clock.advance(Duration.ofMinutes(11));
		assertThat(this.cache.find("k1")).isEqualTo(K1);
		assertThat(this.reads).hasValue(2);
	}

	@Test
	void reloadsOldKeysSoThatRemovedOnesGo() {
		this.cache.find("k1");
		this.published.set(Map.of("k2", K2));
		this.clock.advance(Duration.ofMinutes(11));
		assertThat(this.cache.find("k1")).isNull();
		assertThat(this.cache.find("k2")).isEqualTo(K2);
	}

	@Test
	void invalidateLetsTheNextLookupReloadAtOnce() {
		this.cache.find("k1");
		this.published.set(Map.of("k1", K1, "k2", K2));
		Instant before = this.clock.instant();
		this.cache.invalidate();
		assertThat(this.cache.find("k2")).isEqualTo(K2);
		assertThat(this.clock.instant()).isEqualTo(before);
	}

	private static PublicKey rsa() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair().getPublic();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
