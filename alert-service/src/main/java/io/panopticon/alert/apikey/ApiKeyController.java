package io.panopticon.alert.apikey;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import io.panopticon.alert.audit.AuditLog;
import io.panopticon.alert.web.Caller;
import io.panopticon.common.security.ApiKeyIntrospector;
import io.panopticon.common.security.Role;
import io.panopticon.common.security.VerifiedToken;
import io.panopticon.common.web.InvalidParameterException;
import io.panopticon.common.web.NotFoundException;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/api-keys} (admin) and {@code POST /api/auth/introspect} (open: it tells
 * about a key no more than using the key would).
 */
@RestController
class ApiKeyController {

	static final int MAX_NAME = 128;

	private final ApiKeys keys;

	private final AuditLog audit;

	private final Clock clock;

	ApiKeyController(ApiKeys keys, AuditLog audit, Clock clock) {
		this.keys = keys;
		this.audit = audit;
		this.clock = clock;
	}

	@GetMapping("/api/api-keys")
	Map<String, List<ApiKey>> list() {
		return Map.of("items", this.keys.list());
	}

	@PostMapping("/api/api-keys")
	ResponseEntity<Map<String, Object>> create(@RequestBody CreateApiKeyRequest request, HttpServletRequest http) {
		String name = (request.name() != null) ? request.name().strip() : "";
		if (name.isEmpty()) {
			throw new InvalidParameterException("name", "is required");
		}
		if (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidParameterException("name",
					"must have at most " + MAX_NAME + " characters and no control characters");
		}
		if (request.role() == null || request.role().isBlank()) {
			throw new InvalidParameterException("role", "is required");
		}
		Role role;
		try {
			role = Role.fromClaim(request.role());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidParameterException("role", "must be viewer, reporter or admin");
		}
		Instant expiresAt = expiry(request.expiresAt());
		Caller caller = Caller.of(http);
		ApiKeys.Created created = this.keys.create(name, role, expiresAt, caller.subject());
		this.audit.record(caller, "apikey.create", created.apiKey().subject() + " (" + name + ")", AuditLog.SUCCESS);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("key", created.key());
		body.put("apiKey", created.apiKey());
		return ResponseEntity.created(URI.create("/api/api-keys/" + created.apiKey().id())).body(body);
	}

	@DeleteMapping("/api/api-keys/{id}")
	ResponseEntity<Void> revoke(@PathVariable long id, HttpServletRequest http) {
		ApiKey key = this.keys.find(id).orElseThrow(() -> new NotFoundException("no API key " + id));
		if (this.keys.revoke(id)) {
			this.audit.record(Caller.of(http), "apikey.revoke", key.subject() + " (" + key.name() + ")",
					AuditLog.SUCCESS);
		}
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/auth/introspect")
	Map<String, Object> introspect(@RequestBody IntrospectRequest request) {
		Map<String, Object> answer = new LinkedHashMap<>();
		String token = request.token();
		VerifiedToken granted = (token != null && token.startsWith(ApiKeyIntrospector.PREFIX))
				? this.keys.introspect(token).orElse(null) : null;
		answer.put("active", granted != null);
		if (granted != null) {
			answer.put("sub", granted.subject());
			answer.put("role", granted.role().claimValue());
			answer.put("exp", (granted.expiresAt() != null) ? granted.expiresAt().getEpochSecond() : null);
		}
		return answer;
	}

	private Instant expiry(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		Instant expiry;
		try {
			expiry = Instant.parse(value.trim());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidParameterException("expiresAt", "'" + value + "' is not an ISO-8601 time");
		}
		if (!expiry.isAfter(this.clock.instant())) {
			throw new InvalidParameterException("expiresAt", "must be in the future");
		}
		return expiry;
	}

	/**
	 * @param name what the key is for
	 * @param role the role it grants
	 * @param expiresAt when it stops working (ISO-8601), or null for never
	 */
	record CreateApiKeyRequest(String name, String role, String expiresAt) {
	}

	/**
	 * @param token the API key to check
	 */
	record IntrospectRequest(String token) {
	}

}
