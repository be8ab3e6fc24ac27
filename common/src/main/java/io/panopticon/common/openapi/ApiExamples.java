package io.panopticon.common.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.core.Ordered;
import org.springframework.core.io.Resource;

/**
 * Attaches recorded examples to the operations of the description. The examples of an
 * operation are one JSON file, {@code openapi/examples/<method>-<path>.json} on the class
 * path, named by {@link #fileName} ({@code GET /api/services/{name}/metrics} is
 * {@code get-api-services-name-metrics.json}):
 *
 * <pre>
 * {
 *   "parameters": {"name": "checkout"},
 *   "request": {"summary": "...", "value": {...}},
 *   "responses": {"200": {"summary": "...", "value": {...}}}
 * }
 * </pre>
 *
 * Each part is optional; {@code request} and each response may name their
 * {@code mediaType} (default {@code application/json}). The values are answers of a
 * running stack, recorded, never invented; an operation without a file stays without
 * examples, which the services' tests refuse.
 */
public class ApiExamples implements OpenApiCustomizer, Ordered {

	/** Where the examples are. */
	public static final String LOCATION = "classpath*:openapi/examples/*.json";

	private static final String JSON = "application/json";

	private static final String NAME = "recorded";

	private final Map<String, JsonNode> examples;

	/**
	 * @param examples each operation's examples by {@link #fileName}
	 */
	public ApiExamples(Map<String, JsonNode> examples) {
		this.examples = Map.copyOf(examples);
	}

	/**
	 * Reads the examples from the class path.
	 * @return the customizer
	 */
	public static ApiExamples load() {
		Map<String, JsonNode> examples = new LinkedHashMap<>();
		for (Resource resource : ApiFragments.resources(LOCATION)) {
			try (InputStream in = resource.getInputStream()) {
				examples.put(resource.getFilename(), Json31.mapper().readTree(in));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not read " + resource.getDescription(), ex);
			}
		}
		return new ApiExamples(examples);
	}

	/**
	 * The file holding an operation's examples.
	 * @param method the HTTP method
	 * @param path the path as the description names it
	 * @return such as {@code get-api-services-name-metrics.json}
	 */
	public static String fileName(PathItem.HttpMethod method, String path) {
		String slug = path.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
		return method.name().toLowerCase(Locale.ROOT) + "-" + slug + ".json";
	}

	@Override
	public int getOrder() {
		// After every customizer that adds operations or responses.
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void customise(OpenAPI openApi) {
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			JsonNode recorded = this.examples.get(fileName(method, path));
			if (recorded != null) {
				attach(operation, recorded);
			}
		}));
	}

	private static void attach(Operation operation, JsonNode recorded) {
		if (recorded.has("parameters") && operation.getParameters() != null) {
			for (Parameter parameter : operation.getParameters()) {
				JsonNode value = recorded.path("parameters").get(parameter.getName());
				if (value != null && parameter.get$ref() == null) {
					parameter.setExample(value.isTextual() ? value.asText() : value);
				}
			}
		}
		if (recorded.has("request")) {
			if (operation.getRequestBody() == null) {
				operation.setRequestBody(new RequestBody().required(true));
			}
			RequestBody body = operation.getRequestBody();
			body.setContent(withExample(body.getContent(), recorded.get("request")));
		}
		if (recorded.has("responses")) {
			if (operation.getResponses() == null) {
				operation.setResponses(new ApiResponses());
			}
			recorded.get("responses").properties().forEach((entry) -> {
				ApiResponse response = operation.getResponses()
					.computeIfAbsent(entry.getKey(), (status) -> new ApiResponse().description(status));
				response.setContent(withExample(response.getContent(), entry.getValue()));
			});
		}
	}

	private static Content withExample(Content content, JsonNode recorded) {
		Content result = (content != null) ? content : new Content();
		String type = recorded.path("mediaType").asText(JSON);
		MediaType media = result.get(type);
		if (media == null) {
			// A generated */* is the handler's bytes: the example says what they are.
			MediaType any = result.remove("*/*");
			media = (any != null) ? any : new MediaType();
			result.addMediaType(type, media);
		}
		Example example = new Example().value(recorded.get("value"));
		if (recorded.hasNonNull("summary")) {
			example.setSummary(recorded.get("summary").asText());
		}
		media.addExamples(NAME, example);
		return result;
	}

}
