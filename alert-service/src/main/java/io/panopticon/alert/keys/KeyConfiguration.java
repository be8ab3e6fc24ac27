package io.panopticon.alert.keys;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.panopticon.alert.AlertProperties;
import io.panopticon.alert.audit.AuditLog;
import io.panopticon.common.security.PublicKeyCache;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * alert-service verifies tokens with its own key table rather than its JWK set over HTTP
 * (replacing common's JWKS client), and rotates the signing key on a schedule.
 */
@Configuration(proxyBeanMethods = false)
class KeyConfiguration {

	@Bean
	PublicKeyCache publicKeyCache(SigningKeys keys, Clock clock) {
		return new PublicKeyCache(() -> {
			Map<String, PublicKey> published = new LinkedHashMap<>(keys.published());
			return published;
		}, clock, Duration.ofMinutes(1), Duration.ofSeconds(1));
	}

	@Bean
	KeyRotation keyRotation(SigningKeys keys, PublicKeyCache cache, AlertProperties properties, AuditLog audit,
			Clock clock) {
		return new KeyRotation(keys, cache, properties.keyRotationInterval(), audit, clock);
	}

	/**
	 * Rotates the signing key when it is older than the interval; deletes expired keys.
	 */
	static class KeyRotation {

		private final SigningKeys keys;

		private final PublicKeyCache cache;

		private final Duration interval;

		private final AuditLog audit;

		private final Clock clock;

		KeyRotation(SigningKeys keys, PublicKeyCache cache, Duration interval, AuditLog audit, Clock clock) {
			this.keys = keys;
			this.cache = cache;
			this.interval = interval;
			this.audit = audit;
			this.clock = clock;
		}

		@Scheduled(initialDelay = 1, fixedDelay = 10, timeUnit = java.util.concurrent.TimeUnit.MINUTES)
		void check() {
			if (!this.interval.isZero() && !this.interval.isNegative()) {
				SigningKey key = this.keys.rotate(this.clock.instant().minus(this.interval));
				if (key != null) {
					this.cache.invalidate();
					this.audit.record("system", null, null, "key.rotate", key.kid(), AuditLog.SUCCESS);
				}
			}
			this.keys.deleteExpired();
		}

	}

}
