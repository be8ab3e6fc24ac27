package io.panopticon.alert.auth;

import jakarta.servlet.http.HttpServletRequest;
import io.panopticon.alert.web.Caller;
import io.panopticon.common.security.VerifiedToken;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/auth/login}, {@code refresh} and {@code logout} (open to everyone) and
 * {@code /api/auth/me} (any valid token).
 */
@RestController
class AuthController {

	private final LoginService logins;

	AuthController(LoginService logins) {
		this.logins = logins;
	}

	@PostMapping("/api/auth/login")
	TokenResponse login(@RequestBody LoginRequest request, HttpServletRequest http) {
		return this.logins.login(request, http.getRemoteAddr());
	}

	@PostMapping("/api/auth/refresh")
	TokenResponse refresh(@RequestBody RefreshRequest request, HttpServletRequest http) {
		return this.logins.refresh(request, http.getRemoteAddr());
	}

	@PostMapping("/api/auth/logout")
	ResponseEntity<Void> logout(@RequestBody RefreshRequest request, HttpServletRequest http) {
		this.logins.logout(request, http.getRemoteAddr());
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/auth/me")
	MeResponse me(Authentication authentication, HttpServletRequest http) {
		VerifiedToken token = (VerifiedToken) authentication.getDetails();
		return this.logins.me(Caller.of(http), token.expiresAt());
	}

	@ExceptionHandler(TooManyLoginsException.class)
	ResponseEntity<ProblemDetail> tooMany(TooManyLoginsException ex) {
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfter().toSeconds()))
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, ex.getMessage()));
	}

}
