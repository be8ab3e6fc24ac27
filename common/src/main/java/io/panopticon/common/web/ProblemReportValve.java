package io.panopticon.common.web;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.http.MediaType;

/**
 * Tomcat's error report as a problem detail instead of an HTML page. It answers what
 * Tomcat rejects before any servlet runs (an invalid character or encoding in the path,
 * oversized headers, ...) and any error no one else wrote a body for.
 */
public class ProblemReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		// As Tomcat's own report: nothing for a success, for a response that has a body
		// already, or for an error that was reported before.
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		String path = request.getRequestURI();
		String json = ProblemResponses.json(status, ProblemResponses.detailFor(status, request.getMethod(), path),
				path);
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(json);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response cannot take a body: nothing to tell.
		}
	}

}
