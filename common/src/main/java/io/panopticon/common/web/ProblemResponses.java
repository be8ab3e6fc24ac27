package io.panopticon.common.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Writes RFC 9457 problem details straight to a servlet response, for the places that run
 * before Spring MVC (filters, security entry points, the servlet container's error
 * report), where no message converter is at hand.
 */
public final class ProblemResponses {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ProblemResponses() {
	}

	/**
	 * Writes a problem with the status's reason phrase as title.
	 * @param request the request the problem answers (its path becomes {@code instance})
	 * @param response the response to write
	 * @param status the HTTP status
	 * @param detail a human-readable explanation specific to this occurrence; cleaned by
	 * {@link SafeDetail}
	 * @throws IOException if the response cannot be written
	 */
	public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getOutputStream()
			.write(json(status.value(), detail, request.getRequestURI()).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A problem's JSON text.
	 * @param status the HTTP status; its reason phrase becomes the title
	 * @param detail the explanation; cleaned by {@link SafeDetail}
	 * @param instance the path the problem answers, or {@code null}
	 * @return the JSON object
	 */
	public static String json(int status, String detail, String instance) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "about:blank");
		body.put("title", title(status));
		body.put("status", status);
		body.put("detail", SafeDetail.of(detail));
		if (instance != null) {
			body.put("instance", instance);
		}
		return JSON.writeValueAsString(body);
	}

	/**
	 * What to tell a caller about an error known only by its status, as when the servlet
	 * container or a filter ends a request with {@code sendError}.
	 * @param status the HTTP status
	 * @param method the request's method
	 * @param path the request's path
	 * @return the detail
	 */
	public static String detailFor(int status, String method, String path) {
		if (status == HttpStatus.NOT_FOUND.value()) {
			return "no endpoint " + method + " " + path;
		}
		if (status == HttpStatus.BAD_REQUEST.value()) {
			return "the request is malformed (its path, headers or body are not valid HTTP)";
		}
		if (status >= 500) {
			return "the request failed unexpectedly; the service log has the details";
		}
		return title(status);
	}

	private static String title(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? known.getReasonPhrase() : "Error";
	}

}
