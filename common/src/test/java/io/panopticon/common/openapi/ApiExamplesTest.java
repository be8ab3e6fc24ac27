package io.panopticon.common.openapi;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiExamplesTest {

	@Test
	void fileNamesFollowMethodAndPath() {
		assertThat(ApiExamples.fileName(PathItem.HttpMethod.GET, "/api/services/{name}/metrics"))
			.isEqualTo("get-api-services-name-metrics.json");
		assertThat(ApiExamples.fileName(PathItem.HttpMethod.GET, "/.well-known/jwks.json"))
			.isEqualTo("get-well-known-jwks-json.json");
		assertThat(ApiExamples.fileName(PathItem.HttpMethod.POST, "/v1/traces")).isEqualTo("post-v1-traces.json");
	}

	@Test
	void requestResponseAndParameterExamplesAreAttached() throws Exception {
		Operation services = new Operation().parameters(List.of(new Parameter().name("range").in("query")))
			.responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("the services")
				.content(new Content().addMediaType("*/*", new MediaType().schema(new StringSchema())))));
		Operation login = new Operation();
		OpenAPI api = new OpenAPI().paths(new Paths().addPathItem("/api/services", new PathItem().get(services))
			.addPathItem("/api/auth/login", new PathItem().post(login)));
		JsonNode servicesExample = Json31.mapper().readTree("""
				{"parameters": {"range": "15m"},
				 "responses": {"200": {"summary": "recorded", "value": {"services": []}}}}""");
		JsonNode loginExample = Json31.mapper().readTree("""
				{"request": {"value": {"username": "a"}},
				 "responses": {"200": {"value": {"tokenType": "Bearer"}}}}""");
		new ApiExamples(Map.of("get-api-services.json", servicesExample, "post-api-auth-login.json", loginExample))
			.customise(api);

		assertThat(services.getParameters().get(0).getExample()).isEqualTo("15m");
		Content content = services.getResponses().get("200").getContent();
		assertThat(content).containsOnlyKeys("application/json");
		assertThat(content.get("application/json").getSchema()).isInstanceOf(StringSchema.class);
		assertThat(content.get("application/json").getExamples().get("recorded").getSummary()).isEqualTo("recorded");
		assertThat(content.get("application/json").getExamples().get("recorded").getValue().toString())
			.isEqualTo("{\"services\":[]}");
		assertThat(login.getRequestBody().getContent().get("application/json").getExamples()).hasSize(1);
		assertThat(login.getResponses().get("200").getContent().get("application/json").getExamples()).hasSize(1);
	}

	@Test
	void anOperationWithoutFileStaysWithoutExamples() {
		Operation spans = new Operation();
		OpenAPI api = new OpenAPI().paths(new Paths().addPathItem("/api/spans", new PathItem().get(spans)));
		new ApiExamples(Map.of()).customise(api);
		assertThat(spans.getResponses()).isNull();
		assertThat(spans.getRequestBody()).isNull();
	}

}
