package io.panopticon.common.security;

import java.io.IOException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.panopticon.common.web.ProblemResponses;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by its {@code Authorization: Bearer} token. A request without
 * the header goes on anonymously (the authorization rules decide); a request with a token
 * that cannot be trusted is answered 401 at once, even on public paths, so a client
 * learns that its token is bad instead of silently being treated as anonymous.
 */
public class BearerTokenFilter extends OncePerRequestFilter {

	private static final String BEARER = "bearer ";

	private final JwtAuthenticationManager authenticationManager;

	public BearerTokenFilter(JwtAuthenticationManager authenticationManager) {
		this.authenticationManager = authenticationManager;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || header.isBlank()) {
			chain.doFilter(request, response);
			return;
		}
		if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			reject(request, response, "only 'Authorization: Bearer <token>' is accepted");
			return;
		}
		Authentication authentication;
		try {
			authentication = this.authenticationManager.authenticateToken(header.substring(BEARER.length()));
		}
		catch (AuthenticationException ex) {
			reject(request, response, ex.getMessage());
			return;
		}
		var context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private static void reject(HttpServletRequest request, HttpServletResponse response, String detail)
			throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED, detail);
	}

}
