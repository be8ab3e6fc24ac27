package io.panopticon.query.span;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.panopticon.common.web.ProblemDetailsAdvice;
import io.panopticon.query.search.CursorCodec;
import io.panopticon.query.search.CursorProperties;
import io.panopticon.query.search.SearchProperties;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code page} on the cursor-paged span search is a 400 naming it, before any search: a
 * client that numbers pages would otherwise get the first page again and again.
 */
class SpanControllerTest {

	// No search client: the parameter must be refused before one is needed.
	private final MockMvc mvc = MockMvcBuilders
		.standaloneSetup(new SpanController(null,
				new SearchProperties(Duration.ofMinutes(15), Duration.ofDays(7), 20, 1000, 5000, 1000),
				CursorCodec.of(new CursorProperties(""), Duration.ofDays(7))))
		.setControllerAdvice(new ProblemDetailsAdvice())
		.build();

	@Test
	void aPageNumberIsA400SayingToUseTheCursor() throws Exception {
		for (String path : new String[] { "/api/spans?page=2", "/query/spans?page=0&limit=50", "/api/spans?page=" }) {
			this.mvc.perform(get(path))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$['invalid-params'][0].name").value("page"))
				.andExpect(jsonPath("$['invalid-params'][0].reason").value(containsString("nextCursor as cursor")));
		}
	}

}
