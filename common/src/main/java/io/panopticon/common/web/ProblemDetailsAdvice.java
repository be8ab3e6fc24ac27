package io.panopticon.common.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one HTTP error boundary of every Panopticon service: every failure becomes an RFC
 * 9457 problem detail. Bad input is a 400 that names the parameter in
 * {@code invalid-params}, unknown things are 404, and an unexpected failure is a 500
 * without internals. No detail names a library's classes or settings
 * ({@link SafeDetail}).
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@ExceptionHandler(InvalidParameterException.class)
	ProblemDetail invalidParameter(InvalidParameterException ex) {
		return badRequest(ex.getParameter(), ex.getMessage());
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex) {
		String expected = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName() : "another type";
		return badRequest(ex.getName(), "'" + ex.getValue() + "' is not a valid " + expected);
	}

	/**
	 * Tomcat refuses a query string with a part that is no {@code name=value} pair (an
	 * empty name: {@code ?=1}) only when a handler first reads a parameter; it is the
	 * caller's request that is malformed, not the service.
	 */
	@ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
	ProblemDetail unreadableQuery(org.apache.tomcat.util.http.InvalidParameterException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"the request is malformed (its query string holds a part that is no name=value parameter)");
	}

	/**
	 * Spring Security's firewall checks parameter names (no control characters) only when
	 * they are read, after its filter has passed the request on; its refusal then reaches
	 * this advice rather than the firewall's own handler.
	 */
	@ExceptionHandler(RequestRejectedException.class)
	ProblemDetail rejectedRequest(RequestRejectedException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"the request is malformed (a parameter name holds characters that are not allowed)");
	}

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex) {
		log.error("Request failed unexpectedly", ex);
		return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"the request failed unexpectedly; the service log has the details");
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return ResponseEntity.badRequest().body(badRequest(ex.getParameterName(), "the parameter is required"));
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> invalid = ex.getFieldErrors()
			.stream()
			.map((error) -> Map.of("name", error.getField(), "reason",
					(error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid"))
			.toList();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"invalid fields: " + String.join(", ", invalid.stream().map((e) -> e.get("name")).toList()));
		problem.setProperty("invalid-params", invalid);
		return ResponseEntity.badRequest().body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String path = "/" + ex.getResourcePath();
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
					"no endpoint " + ex.getHttpMethod() + " " + path));
	}

	/**
	 * Cleans every problem Spring MVC's own handling or an {@code ErrorResponseException}
	 * (as the receivers throw) carries, as {@link #badRequest} does for ours.
	 */
	@Override
	protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail problem) {
			clean(problem);
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	private static void clean(ProblemDetail problem) {
		problem.setDetail(SafeDetail.of(problem.getDetail()));
		if (problem.getProperties() != null
				&& problem.getProperties().get("invalid-params") instanceof List<?> invalid) {
			problem.setProperty("invalid-params", invalid.stream().map(ProblemDetailsAdvice::cleanReason).toList());
		}
	}

	private static Object cleanReason(Object invalid) {
		if (invalid instanceof Map<?, ?> entry && entry.get("reason") instanceof String reason) {
			Map<Object, Object> cleaned = new LinkedHashMap<>(entry);
			cleaned.put("reason", SafeDetail.of(reason));
			return cleaned;
		}
		return invalid;
	}

	/**
	 * A 400 problem naming one parameter.
	 * @param parameter the parameter or field name as the caller spelled it
	 * @param reason what is wrong with it; cleaned by {@link SafeDetail}, as it may hold
	 * a parser's message
	 * @return the problem
	 */
	public static ProblemDetail badRequest(String parameter, String reason) {
		reason = SafeDetail.of(reason);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"invalid parameter '" + parameter + "': " + reason);
		problem.setProperty("invalid-params", List.of(Map.of("name", parameter, "reason", reason)));
		return problem;
	}

}
