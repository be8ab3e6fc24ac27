package io.panopticon.alert.web;

import jakarta.servlet.http.HttpServletRequest;
import io.panopticon.common.security.Role;
import io.panopticon.common.security.VerifiedToken;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who makes a request: the token's subject and role (both null without a token) and the
 * client address.
 *
 * @param subject the token's {@code sub}: a user id, {@code apikey:<id>}, or another name
 * @param role the token's role
 * @param address the client address
 */
public record Caller(String subject, Role role, String address) {

	/**
	 * The caller of the current request.
	 * @param request the request
	 * @return the caller
	 */
	public static Caller of(HttpServletRequest request) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getDetails() instanceof VerifiedToken token) {
			return new Caller(token.subject(), token.role(), request.getRemoteAddr());
		}
		return new Caller(null, null, request.getRemoteAddr());
	}

	/**
	 * The user id the token was issued to.
	 * @return the id, or null if the subject is no user id
	 */
	public Long userId() {
		if (this.subject == null || this.subject.isEmpty() || this.subject.length() > 18
				|| !this.subject.chars().allMatch(Character::isDigit)) {
			return null;
		}
		return Long.parseLong(this.subject);
	}

}
