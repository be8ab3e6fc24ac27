package io.panopticon.common.security;

import java.util.List;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/**
 * Turns a bearer token (the credentials of a {@link PreAuthenticatedAuthenticationToken})
 * into an authentication whose authorities are {@code ROLE_<role>} for the token's role
 * and every role it includes, so {@code hasRole("VIEWER")} holds for admins too. Being
 * the application's only authentication manager, it also keeps Spring Boot from creating
 * a default user.
 */
public class JwtAuthenticationManager implements AuthenticationManager {

	private final JwtVerifier verifier;

	public JwtAuthenticationManager(JwtVerifier verifier) {
		this.verifier = verifier;
	}

	@Override
	public Authentication authenticate(Authentication request) {
		if (!(request.getCredentials() instanceof String token)) {
			throw new BadCredentialsException("no bearer token");
		}
		VerifiedToken verified;
		try {
			verified = this.verifier.verify(token);
		}
		catch (InvalidTokenException ex) {
			throw new BadCredentialsException(ex.getMessage(), ex);
		}
		List<SimpleGrantedAuthority> authorities = verified.role()
			.included()
			.stream()
			.map((role) -> new SimpleGrantedAuthority("ROLE_" + role.name()))
			.toList();
		var authentication = UsernamePasswordAuthenticationToken.authenticated(verified.subject(), null, authorities);
		authentication.setDetails(verified);
		return authentication;
	}

	/**
	 * Authenticates a raw bearer token.
	 * @param token the token without its {@code Bearer } prefix
	 * @return the authentication
	 * @throws BadCredentialsException if the token cannot be trusted
	 */
	public Authentication authenticateToken(String token) {
		return authenticate(new PreAuthenticatedAuthenticationToken(null, token));
	}

}
