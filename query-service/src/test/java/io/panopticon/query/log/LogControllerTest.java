package io.panopticon.query.log;

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
 * {@code page} on the cursor-paged log search is a 400 naming it, before any search: a
 * client that numbers pages would otherwise get the first page again and again.
 */
class LogControllerTest {

	// No search client: the parameter must be refused before one is needed.
	private final MockMvc mvc = MockMvcBuilders
		.standaloneSetup(new LogController(null,
				new SearchProperties(Duration.ofMinutes(15), Duration.ofDays(7), 20, 1000, 5000, 1000),
				CursorCodec.of(new CursorProperties(""), Duration.ofDays(7))))
		.setControllerAdvice(new ProblemDetailsAdvice())
		.build();

	@Test
	void aPageNumberIsA400SayingToUseTheCursor() throws Exception {
		for (String path : new String[] { "/api/logs?page=2", "/query/logs?page=0&limit=50", "/api/logs?page=" }) {
			this.mvc.perform(get(path))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$['invalid-params'][0].name").value("page"))
				.andExpect(jsonPath("$['invalid-params'][0].reason").value(containsString("nextCursor as cursor")));
		}
	}

}
