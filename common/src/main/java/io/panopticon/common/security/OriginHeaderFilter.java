package io.panopticon.common.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.panopticon.common.web.ProblemResponses;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Refuses a request whose {@code Origin} header is not an origin with 403, before
 * anything else reads the header. CORS processing and the WebSocket origin check parse it
 * as a URL and fail with a 500 when it is not one ({@code http://a:b}); browsers only
 * ever send {@code scheme://host[:port]} or {@code null}, so whoever sends something else
 * is not a browser page the allow-list could admit.
 */
public class OriginHeaderFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		if (origin != null && !isOrigin(origin)) {
			ProblemResponses.write(request, response, HttpStatus.FORBIDDEN,
					"the Origin header is not a valid origin (scheme://host[:port])");
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * Whether a header value is an origin as browsers send it.
	 * @param origin the value
	 * @return true for {@code null} and for {@code scheme://host[:port]}
	 */
	static boolean isOrigin(String origin) {
		if ("null".equals(origin)) {
			return true;
		}
		try {
			UriComponents url = UriComponentsBuilder.fromUriString(origin).build();
			return url.getScheme() != null && url.getHost() != null && !url.getHost().isEmpty()
					&& url.getUserInfo() == null && url.getQuery() == null && url.getFragment() == null
					&& (url.getPath() == null || url.getPath().isEmpty() || url.getPath().equals("/"));
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
