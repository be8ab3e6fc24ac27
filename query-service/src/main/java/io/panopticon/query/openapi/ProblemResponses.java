package io.panopticon.query.openapi;

import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Adds the RFC 9457 problem-detail answers every read endpoint can give (the shared
 * advice and security filter write them) to each operation of the description: 400 for a
 * bad parameter, 401 without a valid token, 503 when the telemetry store does not answer,
 * and 404 where a path names something that may not exist.
 */
class ProblemResponses implements OpenApiCustomizer {

	static final String SCHEMA = "Problem";

	private static final String PROBLEM_JSON = "application/problem+json";

	@Override
	public void customise(OpenAPI openApi) {
		if (openApi.getComponents() == null) {
			openApi.setComponents(new Components());
		}
		openApi.getComponents().addSchemas(SCHEMA, problemSchema());
		if (openApi.getPaths() == null) {
			return;
		}
		for (Map.Entry<String, PathItem> path : openApi.getPaths().entrySet()) {
			Operation get = path.getValue().getGet();
			if (get == null) {
				continue;
			}
			if (get.getResponses() == null) {
				get.setResponses(new ApiResponses());
			}
			add(get, "400", "a parameter is invalid; invalid-params names it");
			add(get, "401", "no valid bearer token, and reads are not public");
			if (path.getKey().endsWith("{traceId}")) {
				add(get, "404", "no span or log event has the trace id");
			}
			add(get, "503", "the telemetry store did not answer; try again shortly");
		}
	}

	private static void add(Operation operation, String status, String description) {
		if (operation.getResponses().containsKey(status)) {
			return;
		}
		operation.getResponses()
			.addApiResponse(status,
					new ApiResponse().description(description)
						.content(new Content().addMediaType(PROBLEM_JSON,
								new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA)))));
	}

	private static Schema<?> problemSchema() {
		ObjectSchema invalid = new ObjectSchema();
		invalid.addProperty("name", new StringSchema().description("the parameter as the caller spelled it"));
		invalid.addProperty("reason", new StringSchema());
		ObjectSchema problem = new ObjectSchema();
		problem.description("RFC 9457 problem details");
		problem.addProperty("type", new StringSchema());
		problem.addProperty("title", new StringSchema());
		problem.addProperty("status", new IntegerSchema());
		problem.addProperty("detail", new StringSchema());
		problem.addProperty("instance", new StringSchema());
		problem.addProperty("invalid-params", new ArraySchema().items(invalid));
		return problem;
	}

}
