package io.panopticon.alert.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import io.jsonwebtoken.Jwts;
import io.panopticon.alert.AlertProperties;
import io.panopticon.alert.keys.SigningKey;
import io.panopticon.alert.keys.SigningKeys;
import io.panopticon.alert.user.User;
import io.panopticon.common.autoconfigure.PanopticonJwtProperties;

import org.springframework.stereotype.Component;

/**
 * Signs access tokens: RS256 with the current key's {@code kid}, claims {@code iss},
 * {@code sub} (the user id), {@code role}, {@code preferred_username}, {@code iat},
 * {@code exp} and {@code jti}.
 */
@Component
class TokenIssuer {

	private final SigningKeys keys;

	private final String issuer;

	private final Duration ttl;

	private final Clock clock;

	TokenIssuer(SigningKeys keys, PanopticonJwtProperties jwt, AlertProperties properties, Clock clock) {
		this.keys = keys;
		this.issuer = jwt.issuer();
		this.ttl = properties.accessTokenTtl();
		this.clock = clock;
	}

	String issue(User user) {
		SigningKey key = this.keys.current();
		Instant now = this.clock.instant();
		return Jwts.builder()
			.header()
			.keyId(key.kid())
			.and()
			.issuer(this.issuer)
			.subject(Long.toString(user.id()))
			.claim("role", user.role().claimValue())
			.claim("preferred_username", user.username())
			.issuedAt(Date.from(now))
			.expiration(Date.from(now.plus(this.ttl)))
			.id(UUID.randomUUID().toString())
			.signWith(key.privateKey(), Jwts.SIG.RS256)
			.compact();
	}

	Duration ttl() {
		return this.ttl;
	}

}
