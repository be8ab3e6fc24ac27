package io.panopticon.ingest.receiver;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.panopticon.common.web.ProblemResponses;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 404 for anything but the receiver paths on the receivers' own ports, before
 * security runs: the product API, admin endpoints and actuator live on the service port
 * only.
 */
final class ReceiverPortFilter extends OncePerRequestFilter {

	private final ReceiverConnectors connectors;

	ReceiverPortFilter(ReceiverConnectors connectors) {
		this.connectors = connectors;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!this.connectors.allows(request.getLocalPort(), path)) {
			ProblemResponses.write(request, response, HttpStatus.NOT_FOUND, "no endpoint " + request.getMethod() + " "
					+ path + " on this port; it serves the telemetry receiver only");
			return;
		}
		chain.doFilter(request, response);
	}

}
