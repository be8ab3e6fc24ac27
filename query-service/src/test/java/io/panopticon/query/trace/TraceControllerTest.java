package io.panopticon.query.trace;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.panopticon.common.web.ProblemDetailsAdvice;
import io.panopticon.query.search.CursorCodec;
import io.panopticon.query.search.CursorProperties;
import io.panopticon.query.search.SearchProperties;
import io.panopticon.query.search.SearchRequest;
import io.panopticon.query.search.SearchResponse;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The trace endpoints' parameters as Spring MVC binds them, over a search client that
 * records the searches: the endpoint named in the path, the filters of a trace by id, and
 * {@code page} where lists are paged with cursors.
 */
class TraceControllerTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String WINDOW = "from=2026-11-22T03:00:00Z&to=2026-11-22T04:00:00Z";

	private final RecordingSearchClient client = new RecordingSearchClient();

	private final MockMvc mvc = MockMvcBuilders
		.standaloneSetup(new TraceController(this.client,
				new SearchProperties(Duration.ofMinutes(15), Duration.ofDays(7), 20, 1000, 5000, 1000),
				CursorCodec.of(new CursorProperties(""), Duration.ofDays(7))))
		.setControllerAdvice(new ProblemDetailsAdvice())
		.build();

	@Test
	void anEndpointNamedInThePathIsAnsweredAsTheParameterForm() throws Exception {
		JsonNode byParameter = json(
				call("/api/services/shop/endpoints/traces?endpoint=GET%20%2Fitems%2F%7Bid%7D&limit=3&" + WINDOW, 200));
		List<String> parameterSearches = bodies();
		for (String prefix : List.of("/api", "/query")) {
			this.client.searches().clear();
			JsonNode byPath = json(
					call(prefix + "/services/shop/endpoints/GET%20%2Fitems%2F%7Bid%7D/traces?limit=3&" + WINDOW, 200));
			assertThat(byPath).as(prefix).isEqualTo(byParameter);
			assertThat(bodies()).as(prefix).isEqualTo(parameterSearches);
		}
		assertThat(byParameter.path("endpoint").asString()).isEqualTo("GET /items/{id}");
		assertThat(parameterSearches).hasSize(2)
			.allSatisfy((body) -> assertThat(body).contains("{\"term\":{\"endpoint\":\"GET /items/{id}\"}}")
				.contains("{\"term\":{\"serviceName\":\"shop\"}}")
				.contains("\"size\":3"));
	}

	@Test
	void anEndpointWithoutTracesInTheWindowHasEmptyLists() throws Exception {
		JsonNode answer = json(call("/query/services/shop/endpoints/POST%20%2Fpay/traces?" + WINDOW, 200));
		assertThat(answer.path("service").asString()).isEqualTo("shop");
		assertThat(answer.path("endpoint").asString()).isEqualTo("POST /pay");
		assertThat(answer.path("from").asString()).isEqualTo("2026-11-22T03:00:00Z");
		assertThat(answer.path("errors").isArray()).isTrue();
		assertThat(answer.path("errors")).isEmpty();
		assertThat(answer.path("slow").isArray()).isTrue();
		assertThat(answer.path("slow")).isEmpty();
	}

	@Test
	void aTraceByIdKeepsOnlyTheSpansAndLogsOfTheServiceAndEnvironmentAskedFor() throws Exception {
		this.client.answering(oneSpan());
		JsonNode trace = json(call("/query/traces/" + TRACE + "?service=orders&environment=prod", 200));
		assertThat(trace.path("spanCount").asInt()).isEqualTo(1);
		List<String> searches = bodies();
		String filters = "\"query\":{\"bool\":{\"filter\":[{\"term\":{\"traceId\":\"" + TRACE + "\"}},"
				+ "{\"term\":{\"serviceName\":\"orders\"}},{\"term\":{\"environment\":\"prod\"}}]}}";
		assertThat(searches).hasSize(2).allSatisfy((body) -> assertThat(body).contains(filters));
		assertThat(this.client.searches().get(0).indices()).containsExactly("traces-apm-*");
		assertThat(this.client.searches().get(1).indices()).containsExactly("logs-apm-*");
	}

	@Test
	void aTraceByIdWithoutFiltersSearchesTheTraceIdAlone() throws Exception {
		this.client.answering(oneSpan());
		call("/api/traces/" + TRACE + "?service=%20&environment=", 200);
		assertThat(bodies()).hasSize(2)
			.allSatisfy((body) -> assertThat(body).contains("\"query\":{\"term\":{\"traceId\":\"" + TRACE + "\"}}"));
	}

	@Test
	void aTraceWithNothingOfTheServiceIsANotFoundProblemSayingSo() throws Exception {
		JsonNode problem = json(call("/api/traces/" + TRACE + "?service=orders", 404));
		assertThat(problem.path("detail").asString()).isEqualTo("no trace " + TRACE + " with service orders");
	}

	@Test
	void aBlankTraceIdIsA400NamingIt() throws Exception {
		JsonNode problem = json(call("/api/traces/%20", 400));
		assertThat(problem.at("/invalid-params/0/name").asString()).isEqualTo("traceId");
		assertThat(this.client.searches()).isEmpty();
	}

	@Test
	void aPageNumberIsA400SayingToUseTheCursor() throws Exception {
		for (String path : List.of("/api/traces?page=2", "/query/traces?page=1", "/api/services/shop/traces?page=",
				"/query/services/shop/traces?page=3&limit=5")) {
			JsonNode problem = json(call(path, 400));
			assertThat(problem.at("/invalid-params/0/name").asString()).as(path).isEqualTo("page");
			assertThat(problem.at("/invalid-params/0/reason").asString()).as(path).contains("nextCursor as cursor");
		}
		assertThat(this.client.searches()).isEmpty();
	}

	private MvcResult call(String path, int status) throws Exception {
		MvcResult result = this.mvc.perform(get(URI.create(path))).andReturn();
		assertThat(result.getResponse().getStatus()).as(path + " " + result.getResponse().getContentAsString())
			.isEqualTo(status);
		return result;
	}

	private static JsonNode json(MvcResult result) throws Exception {
		return JSON.readTree(result.getResponse().getContentAsString());
	}

	private List<String> bodies() {
		return this.client.searches().stream().map(SearchRequest::body).toList();
	}

	private static SearchResponse oneSpan() {
		JsonNode source = JSON.readTree("{\"traceId\":\"" + TRACE + "\",\"spanId\":\"00f067aa0ba902b7\","
				+ "\"serviceName\":\"orders\",\"environment\":\"prod\",\"name\":\"GET /orders/{id}\",\"kind\":\"SERVER\","
				+ "\"startTimeMicros\":1795316400000000,\"endTimeMicros\":1795316400002000,\"durationMicros\":2000}");
		JsonNode aggregations = JSON.readTree("{\"start\":{\"value\":1795316400000000},"
				+ "\"end\":{\"value\":1795316400002000},\"errors\":{\"doc_count\":0},"
				+ "\"services\":{\"buckets\":[{\"key\":\"orders\",\"doc_count\":1}]}}");
		return new SearchResponse(List.of(new SearchResponse.Hit("traces-apm-2026.11.22", source, null)), 1,
				aggregations);
	}

}
