package io.panopticon.alert.keys;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import io.panopticon.alert.audit.AuditLog;
import io.panopticon.alert.web.Caller;
import io.panopticon.common.security.JwkSet;
import io.panopticon.common.security.PublicKeyCache;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The JWK set ({@code GET /.well-known/jwks.json} and {@code GET /api/auth/jwks}, open to
 * everyone) and {@code POST /api/admin/keys/rotate} (admin).
 */
@RestController
class KeyController {

	private final SigningKeys keys;

	private final PublicKeyCache verificationKeys;

	private final AuditLog audit;

	KeyController(SigningKeys keys, PublicKeyCache verificationKeys, AuditLog audit) {
		this.keys = keys;
		this.verificationKeys = verificationKeys;
		this.audit = audit;
	}

	@GetMapping({ "/.well-known/jwks.json", "/api/auth/jwks" })
	ResponseEntity<Map<String, List<Map<String, String>>>> jwks() {
		// Short enough that a cache in between never hides a rotated-in key for long;
		// verifiers reload on an unknown kid anyway.
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic())
			.body(JwkSet.document(this.keys.published()));
	}

	@PostMapping("/api/admin/keys/rotate")
	Map<String, Object> rotate(HttpServletRequest request) {
		String previous = this.keys.current().kid();
		SigningKey key = this.keys.rotate(null);
		this.verificationKeys.invalidate();
		this.audit.record(Caller.of(request), "key.rotate", key.kid(), AuditLog.SUCCESS);
		return Map.of("kid", key.kid(), "previousKid", previous, "createdAt", key.createdAt());
	}

}
