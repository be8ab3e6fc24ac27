package io.panopticon.testing;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ApiDescriptionChecksTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void operationsWithoutExamplesAreNamedWithTheirFile() {
		String description = """
				{"paths": {
				  "/api/services/{name}/metrics": {"get": {"responses": {"200": {"content":
				      {"application/json": {"schema": {"type": "object"}}}}}}},
				  "/api/api-keys/{id}": {"delete": {"responses": {"204": {"description": "revoked"}}}}
				}}""";
		assertThat(ApiDescriptionChecks.missingExamples(JSON.readTree(description))).containsExactly(
				"GET /api/services/{name}/metrics: response 200 has no example"
						+ " (openapi/examples/get-api-services-name-metrics.json)",
				"GET /api/services/{name}/metrics: no example (openapi/examples/get-api-services-name-metrics.json)",
				"DELETE /api/api-keys/{id}: no example (openapi/examples/delete-api-api-keys-id.json)");
	}

	@Test
	void anExampleOfAnyKindCountsButAnAnswerOf200NeedsItsOwn() {
		String description = """
				{"paths": {
				  "/api/api-keys/{id}": {"delete": {"parameters": [{"name": "id", "example": 3}],
				      "responses": {"204": {"description": "revoked"}}}},
				  "/api/v2/spans": {"post": {"requestBody": {"content": {"application/json":
				      {"examples": {"recorded": {"value": []}}}}}, "responses": {"202": {"description": "ok"}}}},
				  "/api/users": {"post": {"requestBody": {"content": {"application/json":
				      {"examples": {"recorded": {"value": {}}}}}},
				      "responses": {"201": {"content": {"application/json": {"schema": {}}}}}}}
				}}""";
		assertThat(ApiDescriptionChecks.missingExamples(JSON.readTree(description)))
			.containsExactly("POST /api/users: response 201 has no example (openapi/examples/post-api-users.json)");
	}

}
