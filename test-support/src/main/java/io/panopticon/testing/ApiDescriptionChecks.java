package io.panopticon.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Checks a service's published OpenAPI description ({@code /v3/api-docs}): every
 * operation carries a recorded example, so that an operation added without one fails its
 * service's build. Examples live in the service's {@code openapi/examples} (see common's
 * {@code ApiExamples}).
 */
public final class ApiDescriptionChecks {

	private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options",
			"trace");

	private static final Set<String> ANSWERS_NEEDING_EXAMPLES = Set.of("200", "201");

	private ApiDescriptionChecks() {
	}

	/**
	 * What lacks an example: an operation without any (request, response or parameter),
	 * and a 200 or 201 response with content but no example in any media type.
	 * @param description the description as served
	 * @return one line per gap, such as {@code GET /api/services: response 200 has no
	 * example (openapi/examples/get-api-services.json)}; empty when none
	 */
	public static List<String> missingExamples(JsonNode description) {
		List<String> missing = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : description.path("paths").properties()) {
			for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
				if (!METHODS.contains(entry.getKey())) {
					continue;
				}
				String operation = entry.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
				String file = " (openapi/examples/" + entry.getKey() + "-"
						+ path.getKey().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "")
						+ ".json)";
				JsonNode op = entry.getValue();
				boolean any = hasExample(op.path("requestBody").path("content"));
				for (JsonNode parameter : op.path("parameters")) {
					any |= parameter.has("example") || parameter.has("examples");
				}
				for (Map.Entry<String, JsonNode> response : op.path("responses").properties()) {
					JsonNode content = response.getValue().path("content");
					boolean example = hasExample(content);
					any |= example;
					if (ANSWERS_NEEDING_EXAMPLES.contains(response.getKey()) && !content.isEmpty() && !example) {
						missing.add(operation + ": response " + response.getKey() + " has no example" + file);
					}
				}
				if (!any) {
					missing.add(operation + ": no example" + file);
				}
			}
		}
		return missing;
	}

	private static boolean hasExample(JsonNode content) {
		for (JsonNode media : content) {
			if (media.has("example") || !media.path("examples").isEmpty()) {
				return true;
			}
		}
		return false;
	}

}
