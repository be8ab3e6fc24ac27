package io.panopticon.common.web;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.context.request.ServletWebRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemDetailsAdviceTest {

	private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice();

	@Test
	void problemsOfErrorResponseExceptionsAreCleanedToo() throws Exception {
		ProblemDetail thrown = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"invalid spans: com.google.gson.stream.MalformedJsonException: Unterminated object");
		thrown.setProperty("invalid-params", List.of(Map.of("name", "spans[0]", "reason",
				"Number value length (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNumberLength()`)")));
		ResponseEntity<Object> answer = this.advice.handleException(
				new ErrorResponseException(HttpStatus.BAD_REQUEST, thrown, null),
				new ServletWebRequest(new MockHttpServletRequest()));

		ProblemDetail problem = (ProblemDetail) answer.getBody();
		assertThat(problem.getDetail()).isEqualTo("invalid spans: Unterminated object");
		assertThat(problem.getProperties().get("invalid-params").toString()).contains("spans[0]")
			.contains("exceeds the maximum allowed (1000)")
			.doesNotContain("StreamReadConstraints");
	}

	@Test
	void aBadParameterNamesItWithoutTheParsersInternals() {
		ProblemDetail problem = this.advice.invalidParameter(new InvalidParameterException("$",
				"is not an OTLP/JSON export request: java.lang.IllegalStateException: Expected BEGIN_OBJECT"));
		assertThat(problem.getDetail())
			.isEqualTo("invalid parameter '$': is not an OTLP/JSON export request: Expected BEGIN_OBJECT");
	}

}
