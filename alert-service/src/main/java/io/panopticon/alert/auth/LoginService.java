package io.panopticon.alert.auth;

import java.time.Clock;
import java.util.Optional;

import io.panopticon.alert.audit.AuditLog;
import io.panopticon.alert.user.User;
import io.panopticon.alert.user.UserStore;
import io.panopticon.alert.user.UserView;
import io.panopticon.alert.web.Caller;
import io.panopticon.common.web.InvalidParameterException;

import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * Logins, refreshes and logouts, each audited. A failed login answers the same, and costs
 * one bcrypt comparison, whether the user name exists, is inactive or the password is
 * wrong.
 */
@Service
class LoginService {

	static final int MAX_USERNAME = 256;

	private final UserStore users;

	private final PasswordEncoder encoder;

	private final LoginLimiter limiter;

	private final RefreshTokens refreshTokens;

	private final TokenIssuer issuer;

	private final AuditLog audit;

	private final Clock clock;

	private volatile String unknownUserHash;

	LoginService(UserStore users, PasswordEncoder encoder, LoginLimiter limiter, RefreshTokens refreshTokens,
			TokenIssuer issuer, AuditLog audit, Clock clock) {
		this.users = users;
		this.encoder = encoder;
		this.limiter = limiter;
		this.refreshTokens = refreshTokens;
		this.issuer = issuer;
		this.audit = audit;
		this.clock = clock;
	}

	TokenResponse login(LoginRequest request, String address) {
		String username = required("username", request.username());
		String password = required("password", request.password());
		if (username.length() > MAX_USERNAME) {
			throw new InvalidParameterException("username", "must have at most " + MAX_USERNAME + " characters");
		}
		this.limiter.check(username, address);
		Optional<User> user = this.users.findByUsername(username);
		String hash = user.map((u) -> this.users.passwordHash(u.id())).orElseGet(this::unknownUserHash);
		boolean matches = this.encoder.matches(password, hash);
		if (!matches || user.isEmpty() || !user.get().active()) {
			this.limiter.recordFailure(username, address);
			this.audit.record(user.map((u) -> Long.toString(u.id())).orElse(null), username, address, "login",
					"user:" + username, AuditLog.FAILURE);
			throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "wrong user name or password");
		}
		User found = user.get();
		this.limiter.recordSuccess(username);
		this.users.recordLogin(found.id(), this.clock.instant());
		this.audit.record(Long.toString(found.id()), found.username(), address, "login", "user:" + found.id(),
				AuditLog.SUCCESS);
		return tokens(this.users.find(found.id()).orElseThrow(), this.refreshTokens.start(found.id()));
	}

	TokenResponse refresh(RefreshRequest request, String address) {
		String token = required("refreshToken", request.refreshToken());
		RefreshTokens.Rotation rotation = this.refreshTokens.rotate(token);
		String actor = (rotation.userId() != null) ? rotation.userId().toString() : null;
		if (rotation.outcome() == RefreshTokens.Outcome.REUSED) {
			this.audit.record(actor, null, address, "refresh.reuse", "user:" + actor, AuditLog.FAILURE);
		}
		if (rotation.outcome() != RefreshTokens.Outcome.ROTATED) {
			throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "the refresh token is "
					+ rotation.outcome().name().toLowerCase(java.util.Locale.ROOT) + "; log in again");
		}
		User user = this.users.find(rotation.userId()).orElse(null);
		if (user == null || !user.active()) {
			this.refreshTokens.revokeFamily(rotation.family(), this.clock.instant());
			throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "the account is not active");
		}
		return tokens(user, rotation.token());
	}

	void logout(RefreshRequest request, String address) {
		String token = required("refreshToken", request.refreshToken());
		Long userId = this.refreshTokens.revoke(token);
		if (userId != null) {
			this.audit.record(userId.toString(), null, address, "logout", "user:" + userId, AuditLog.SUCCESS);
		}
	}

	MeResponse me(Caller caller, java.time.Instant expiresAt) {
		Long id = caller.userId();
		User user = (id != null) ? this.users.find(id).orElse(null) : null;
		return new MeResponse(
				new MeResponse.Claims(caller.subject(), (caller.role() != null) ? caller.role().claimValue() : null,
						(expiresAt != null) ? expiresAt.getEpochSecond() : null),
				(user != null) ? UserView.of(user) : null);
	}

	private TokenResponse tokens(User user, String refreshToken) {
		return new TokenResponse(this.issuer.issue(user), refreshToken, this.issuer.ttl().toSeconds(), "Bearer",
				UserView.of(user));
	}

	private String unknownUserHash() {
		String hash = this.unknownUserHash;
		if (hash == null) {
			// A hash of the configured cost, so an unknown name costs what a known one
			// does.
			hash = this.encoder.encode("no such user " + System.nanoTime());
			this.unknownUserHash = hash;
		}
		return hash;
	}

	private static String required(String field, String value) {
		if (value == null || value.isEmpty()) {
			throw new InvalidParameterException(field, "is required");
		}
		return value;
	}

}
