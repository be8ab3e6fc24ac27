package io.panopticon.common.openapi;

import java.util.List;

import io.swagger.v3.core.util.Yaml31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiFragmentsTest {

	private static final String FRAGMENT = """
			openapi: 3.1.0
			info: {title: Panopticon ingest API, version: "1", description: The receivers.}
			paths:
			  /api/v2/spans:
			    post:
			      summary: Receive spans
			      security: []
			      responses:
			        "202": {description: Kafka acknowledged the spans}
			  /api/admin/dlq/redrive:
			    post:
			      summary: Re-drive
			      parameters:
			        - {name: topic, in: query, description: the dead-letter topic}
			  /v1/traces:
			    post:
			      responses:
			        "200":
			          description: acknowledged
			          content:
			            application/json: {schema: {type: object}}
			            application/x-protobuf: {schema: {type: string}}
			""";

	@Test
	void fillsInWhatTheCodeCannotSay() throws Exception {
		Operation zipkin = new Operation().responses(new ApiResponses().addApiResponse("200", new ApiResponse()));
		Operation redrive = new Operation().summary("From the code")
			.parameters(List.of(new Parameter().name("topic").in("query")));
		Operation otlp = new Operation().responses(new ApiResponses().addApiResponse("200",
				new ApiResponse().description("OK").content(new Content().addMediaType("*/*", new MediaType()))));
		OpenAPI api = new OpenAPI().paths(new Paths().addPathItem("/api/v2/spans", new PathItem().post(zipkin))
			.addPathItem("/api/admin/dlq/redrive", new PathItem().post(redrive))
			.addPathItem("/v1/traces", new PathItem().post(otlp)));
		new ApiFragments(List.of(Yaml31.mapper().readValue(FRAGMENT, OpenAPI.class))).customise(api);

		assertThat(api.getInfo().getTitle()).isEqualTo("Panopticon ingest API");
		assertThat(api.getInfo().getDescription()).isEqualTo("The receivers.");
		assertThat(zipkin.getSummary()).isEqualTo("Receive spans");
		assertThat(zipkin.getSecurity()).isEmpty();
		assertThat(zipkin.getResponses()).containsOnlyKeys("202");
		assertThat(redrive.getSummary()).isEqualTo("From the code");
		assertThat(redrive.getParameters().get(0).getDescription()).isEqualTo("the dead-letter topic");
		assertThat(redrive.getSecurity()).isNull();
		assertThat(otlp.getResponses().get("200").getDescription()).isEqualTo("OK");
		assertThat(otlp.getResponses().get("200").getContent()).containsOnlyKeys("application/json",
				"application/x-protobuf");
	}

	@Test
	void unmappedPathsAreAddedAsWritten() throws Exception {
		OpenAPI api = new OpenAPI().paths(new Paths());
		new ApiFragments(List.of(Yaml31.mapper().readValue(FRAGMENT, OpenAPI.class))).customise(api);
		assertThat(api.getPaths()).containsKeys("/api/v2/spans", "/api/admin/dlq/redrive", "/v1/traces");
	}

}
