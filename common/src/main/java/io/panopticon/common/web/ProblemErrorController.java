package io.panopticon.common.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the servlet container's error dispatch (errors that never reached
 * {@link ProblemDetailsAdvice}, such as a request a filter rejected with
 * {@code sendError}) with a problem detail, in place of Spring Boot's
 * {@code BasicErrorController} and its HTML page. Called directly, {@code /error} is an
 * endpoint like any unknown one: 404.
 */
@RestController
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController implements ErrorController {

	@RequestMapping
	ResponseEntity<String> error(HttpServletRequest request) {
		int status;
		String path;
		if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code && code >= 400) {
			status = code;
			path = (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) ? uri
					: request.getRequestURI();
		}
		else {
			status = 404;
			path = request.getRequestURI();
		}
		return ResponseEntity.status(HttpStatusCode.valueOf(status))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ProblemResponses.json(status, ProblemResponses.detailFor(status, request.getMethod(), path), path));
	}

}
